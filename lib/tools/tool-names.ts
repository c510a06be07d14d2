import { z } from "zod";

/** How many tools one crew agent or graph node may list. */
export const MAX_TOOLS = 20;

/** A tool a crew agent or graph node lists: what it refers to. */
export type ToolRef =
  | { kind: "http" }
  | { kind: "workflow"; workflowId: string }
  | { kind: "mcp"; server: string; tool?: string }
  | { kind: "declared"; name: string }
  | { kind: "sandbox"; name: SandboxToolName };

/** A tool declared in a project's registry: lowercase letters, digits and _ (at most 64). */
export const DECLARED_TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** The tool offered to a node that lists skills; a name no registry tool may take. */
export const LOAD_SKILL_TOOL = "load_skill";
/** The tool offered to a node that writes memory (lib/memory/remember-tool.ts); a name no registry tool may take. */
export const REMEMBER_TOOL_NAME = "remember";

/** The tools a node with a sandbox gets, run inside it (lib/sandboxes); names no registry tool may take. */
export const SANDBOX_TOOLS = ["run_command", "read_file", "write_file"] as const;
export type SandboxToolName = (typeof SANDBOX_TOOLS)[number];
export const isSandboxTool = (name: string): name is SandboxToolName =>
  (SANDBOX_TOOLS as readonly string[]).includes(name);

/** Names a registry's tools: section may not take. */
export const RESERVED_TOOL_NAMES: readonly string[] = [
  "http_request",
  LOAD_SKILL_TOOL,
  REMEMBER_TOOL_NAME,
  ...SANDBOX_TOOLS,
];
const RESERVED = new Set(RESERVED_TOOL_NAMES);

const WORKFLOW = /^workflow:([A-Za-z0-9_-]{1,64})$/;
const MCP = /^mcp:([a-z0-9][a-z0-9_-]{0,39})(?:\/([A-Za-z0-9_.-]{1,64}))?$/;

export function parseToolName(name: string): ToolRef | null {
  if (name === "http_request") return { kind: "http" };
  const wf = WORKFLOW.exec(name);
  if (wf) return { kind: "workflow", workflowId: wf[1]! };
  const mcp = MCP.exec(name);
  if (mcp) return mcp[2] ? { kind: "mcp", server: mcp[1]!, tool: mcp[2] } : { kind: "mcp", server: mcp[1]! };
  if (isSandboxTool(name)) return { kind: "sandbox", name };
  // A tool the project's registry declares (tools: section), resolved from the workflow version.
  if (DECLARED_TOOL_NAME.test(name) && !RESERVED.has(name)) return { kind: "declared", name };
  return null;
}

/** `tools` on a crew agent or graph node. */
export const toolsSchema = z
  .array(
    z
      .string()
      .refine(
        (name) => parseToolName(name) !== null,
        'Use "http_request", "workflow:<workflowId>", "mcp:<serverName>" or a tool the project declares',
      ),
  )
  .max(MAX_TOOLS, `List at most ${MAX_TOOLS} tools`)
  .refine((names) => new Set(names).size === names.length, "Each tool may be listed once")
  .describe(
    'Tools the agent may call: "http_request", "workflow:<workflowId>", "mcp:<serverName>", or the name of a tool declared in the project\'s registry.yml.',
  );

/** `credentials` on a crew agent or graph node: ids of workspace credentials its tools may send. */
export const toolCredentialsSchema = z
  .array(z.string().min(1).max(64))
  .max(MAX_TOOLS, `List at most ${MAX_TOOLS} credentials`)
  .refine((ids) => new Set(ids).size === ids.length, "Each credential may be listed once")
  .describe("Ids of `http` credentials its http_request calls may send as a bearer token (`credentialId`).");
