import type { ApiOperation } from "@/lib/api/operation";
import { accountOperations } from "./account";
import { agentOperations } from "./agents";
import { auditOperations } from "./audit";
import { approvalOperations } from "./approvals";
import { billingOperations } from "./billing";
import { chatOperations } from "./chats";
import { credentialOperations } from "./credentials";
import { eventOperations } from "./events";
import { forkOperations } from "./forks";
import { foundationOperations } from "./foundation";
import { mcpServerOperations } from "./mcp-servers";
import { memoryOperations } from "./memories";
import { projectOperations } from "./projects";
import { proposalOperations } from "./proposals";
import { runOperations } from "./runs";
import { webhookEndpointOperations } from "./webhook-endpoints";
import { workflowOperations } from "./workflows";

/**
 * Every operation of /api/v1, in document order. A new domain adds a file
 * beside this one exporting its `ApiOperation[]` and one entry here
 * (tests/api/openapi.test.ts fails for a route file that is not declared).
 */
export const apiOperations: readonly ApiOperation[] = [
  ...foundationOperations,
  ...workflowOperations,
  ...runOperations,
  ...approvalOperations,
  ...forkOperations,
  ...agentOperations,
  ...chatOperations,
  ...memoryOperations,
  ...proposalOperations,
  ...billingOperations,
  ...credentialOperations,
  ...mcpServerOperations,
  ...webhookEndpointOperations,
  ...eventOperations,
  ...projectOperations,
  ...accountOperations,
  ...auditOperations,
];
