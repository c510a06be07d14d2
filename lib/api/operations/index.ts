import type { ApiOperation } from "@/lib/api/operation";
import { accountOperations } from "./account";
import { agentOperations } from "./agents";
import { approvalOperations } from "./approvals";
import { billingOperations } from "./billing";
import { credentialOperations } from "./credentials";
import { eventOperations } from "./events";
import { forkOperations } from "./forks";
import { foundationOperations } from "./foundation";
import { mcpServerOperations } from "./mcp-servers";
import { projectOperations } from "./projects";
import { proposalOperations } from "./proposals";
import { runOperations } from "./runs";
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
  ...proposalOperations,
  ...billingOperations,
  ...credentialOperations,
  ...mcpServerOperations,
  ...eventOperations,
  ...projectOperations,
  ...accountOperations,
];
