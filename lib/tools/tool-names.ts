import { z } from "zod";

/** How many tools one crew agent or graph node may list. */
export const MAX_TOOLS = 20;

/** A tool a crew agent or graph node lists: what it refers to. */
export type ToolRef = { kind: "http" } | { kind: "workflow"; workflowId: string } | { kind: "mcp"; server: string };

const WORKFLOW = /^workflow:([A-Za-z0-9_-]{1,64})$/;
const MCP = /^mcp:([a-z0-9][a-z0-9_-]{0,39})$/;

export function parseToolName(name: string): ToolRef | null {
  if (name === "http_request") return { kind: "http" };
  const wf = WORKFLOW.exec(name);
  if (wf) return { kind: "workflow", workflowId: wf[1]! };
  const mcp = MCP.exec(name);
  if (mcp) return { kind: "mcp", server: mcp[1]! };
  return null;
}

/** `tools` on a crew agent or graph node. */
export const toolsSchema = z
  .array(
    z
      .string()
      .refine(
        (name) => parseToolName(name) !== null,
        'Use "http_request", "workflow:<workflowId>" or "mcp:<serverName>"',
      ),
  )
  .max(MAX_TOOLS, `List at most ${MAX_TOOLS} tools`)
  .refine((names) => new Set(names).size === names.length, "Each tool may be listed once")
  .describe('Tools the agent may call: "http_request", "workflow:<workflowId>", "mcp:<serverName>".');

/** `credentials` on a crew agent or graph node: ids of workspace credentials its tools may send. */
export const toolCredentialsSchema = z
  .array(z.string().min(1).max(64))
  .max(MAX_TOOLS, `List at most ${MAX_TOOLS} credentials`)
  .refine((ids) => new Set(ids).size === ids.length, "Each credential may be listed once")
  .describe("Ids of `http` credentials its http_request calls may send as a bearer token (`credentialId`).");
