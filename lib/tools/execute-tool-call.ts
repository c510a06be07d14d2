import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { callMcpTool } from "@/lib/mcp/call-mcp-tool";
import { MCP_TOOL_SEPARATOR } from "@/lib/mcp/list-mcp-tools";
import { ToolError } from "./errors";
import { httpRequest, type HttpRequestInput } from "./http-request";
import { crewTools, mcpEndpoint, toolLimits } from "./tool-config";
import { parseToolName } from "./tool-names";
import type { ModelToolCall, ModelToolResult } from "./types";

/** What the model gets back of a result; the full result stays on the record. */
const MAX_RESULT_FOR_MODEL = 100_000;

/** Runs one call against the tools the step lists; a refusal or failure is a ToolError. */
async function dispatch(scope: Scope, runId: string, listed: readonly string[], call: ModelToolCall): Promise<string> {
  const limits = toolLimits();
  const input = (call.input ?? {}) as Record<string, unknown>;
  const refs = listed.map(parseToolName);
  if (call.name === "http_request" && refs.some((r) => r?.kind === "http")) {
    const workspace = await scope.db.workspace.findUniqueOrThrow({
      where: { id: scope.workspaceId },
      select: { httpAllowlist: true },
    });
    const res = await httpRequest(input as HttpRequestInput, {
      allowlist: workspace.httpAllowlist,
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxBytes,
      allowPrivate: () => limits.allowPrivate,
    });
    return JSON.stringify(res);
  }
  const cut = call.name.indexOf(MCP_TOOL_SEPARATOR);
  if (cut > 0) {
    const server = call.name.slice(0, cut);
    if (refs.some((r) => r?.kind === "mcp" && r.server === server)) {
      const endpoint = await mcpEndpoint(scope, server, runId);
      return callMcpTool(endpoint, call.name.slice(cut + MCP_TOOL_SEPARATOR.length), input, limits);
    }
  }
  throw new ToolError(`Tool ${call.name} is not one this agent may use`);
}

/**
 * One tool call of step `position`, its `index`-th (1, 2, …), against the
 * tools the step lists (`listed`: a graph node's; null: its crew agent's in
 * the pinned crew): run once and
 * recorded (name, arguments, full result or error, duration). A call already
 * recorded (the process died after recording it) is not made again: its
 * recorded result is returned. Refusals and tool failures become an error
 * result the model sees; other errors throw so the durable step retries.
 */
export async function executeToolCall(
  scope: Scope,
  runId: string,
  position: number,
  listed: readonly string[] | null,
  call: ModelToolCall,
  index: number,
): Promise<ModelToolResult> {
  const step = await scope.db.step.findFirst({
    where: { runId, index: position },
    select: { id: true, run: { select: { workflowVersion: { select: { crew: true } } } } },
  });
  if (!step) throw new Error(`Run ${runId} has no step at position ${position}`);
  const tools = listed ?? crewTools(step.run.workflowVersion.crew, position);
  const recorded = await scope.db.toolCall.findFirst({
    where: { stepId: step.id, index },
    select: { result: true, error: true },
  });
  const asResult = (r: { result: string | null; error: string | null }): ModelToolResult =>
    r.error !== null
      ? { toolCallId: call.id, content: r.error, isError: true }
      : { toolCallId: call.id, content: (r.result ?? "").slice(0, MAX_RESULT_FOR_MODEL) };
  if (recorded) return asResult(recorded);

  const started = Date.now();
  let result: string | null = null;
  let error: string | null = null;
  try {
    result = await dispatch(scope, runId, tools, call);
  } catch (err) {
    if (err instanceof ToolError || err instanceof AppError) error = err.message;
    else throw err;
  }
  await scope.db.toolCall.createMany({
    data: [
      {
        workspaceId: scope.workspaceId,
        stepId: step.id,
        index,
        name: call.name,
        arguments: (call.input ?? {}) as object,
        result,
        error,
        durationMs: Date.now() - started,
      },
    ],
    skipDuplicates: true,
  });
  return asResult({ result, error });
}
