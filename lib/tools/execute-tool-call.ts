import "server-only";
import { AppError } from "@/lib/http/errors";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import type { Scope } from "@/lib/db/tenant";
import { callMcpTool } from "@/lib/mcp/call-mcp-tool";
import { MCP_TOOL_SEPARATOR } from "@/lib/mcp/list-mcp-tools";
import { ToolError } from "./errors";
import { httpRequest, type HttpRequestInput } from "./http-request";
import { assertAgentHas } from "./agent-capabilities";
import { crewCredentials, crewTools, mcpEndpoint, toolLimits } from "./tool-config";
import { expandDeclared, loadSkill, renderHttpTool, runContext, type VersionContext } from "./declared-tools";
import { rememberFact } from "@/lib/memory/remember-tool";
import { LOAD_SKILL_TOOL, REMEMBER_TOOL_NAME, isSandboxTool, parseToolName } from "./tool-names";
import { SandboxError } from "@/lib/sandboxes/errors";
import { runSandboxTool } from "@/lib/sandboxes/run-sandbox-tool";
import type { ModelToolCall, ModelToolResult } from "./types";
import { startWorkflowCall, workflowCallResult } from "./workflow-tool";

/** What the model gets back of a result; the full result stays on the record. */
const MAX_RESULT_FOR_MODEL = 100_000;

/** What a step lists: its tools, the credentials they may send, its skills and its sandbox. */
export interface ListedTools {
  tools: readonly string[];
  credentials: readonly string[];
  skills?: readonly string[];
  /** The registry sandbox its run_command, read_file and write_file run in. */
  sandbox?: string;
}

/** Runs one call against the tools the step lists; a refusal or failure is a ToolError. */
async function dispatch(
  scope: Scope,
  runId: string,
  listed: readonly string[],
  credentials: readonly string[],
  call: ModelToolCall,
  context: VersionContext,
  skills: readonly string[],
  sandbox: string | undefined,
): Promise<string> {
  const limits = toolLimits();
  const input = (call.input ?? {}) as Record<string, unknown>;
  const refs = listed.map(parseToolName);
  if (isSandboxTool(call.name) && sandbox && listed.includes(call.name)) {
    try {
      return await runSandboxTool(scope, runId, sandbox, call.name, input, limits);
    } catch (err) {
      if (err instanceof SandboxError) throw new ToolError(err.message);
      throw err;
    }
  }
  if (call.name === LOAD_SKILL_TOOL && listed.includes(LOAD_SKILL_TOOL)) {
    return loadSkill(
      context.skills.filter((s) => skills.includes(s.name)),
      input,
    );
  }
  const declared = refs.some((r) => r?.kind === "declared" && r.name === call.name)
    ? context.tools.find((t) => t.name === call.name)
    : undefined;
  if (declared?.kind === "http") {
    const workspace = await scope.db.workspace.findUniqueOrThrow({
      where: { id: scope.workspaceId },
      select: { httpAllowlist: true },
    });
    const req = renderHttpTool(declared, input);
    if (declared.credential) await assertAgentHas(scope, runId, "credentials", `tool ${declared.name}`);
    const credential = declared.credential
      ? await unlockCredential(scope, declared.credential, { runId, kind: "http" })
      : null;
    // Like http_request: the host must be on the workspace's allowlist, which a project cannot widen.
    const res = await httpRequest(req, {
      ...(credential ? { bearer: { secret: credential.secret, binding: credential } } : {}),
      allowlist: workspace.httpAllowlist,
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxBytes,
      allowPrivate: limits.allowPrivate,
    });
    return JSON.stringify(res);
  }
  if (call.name === "http_request" && refs.some((r) => r?.kind === "http")) {
    const workspace = await scope.db.workspace.findUniqueOrThrow({
      where: { id: scope.workspaceId },
      select: { httpAllowlist: true },
    });
    const credentialId = typeof input.credentialId === "string" ? input.credentialId : undefined;
    if (credentialId && !credentials.includes(credentialId)) {
      throw new ToolError(`Credential ${credentialId} is not one this agent lists`);
    }
    if (credentialId) await assertAgentHas(scope, runId, "credentials", "sending a credential");
    const credential = credentialId ? await unlockCredential(scope, credentialId, { runId, kind: "http" }) : null;
    const res = await httpRequest(input as HttpRequestInput, {
      ...(credential ? { bearer: { secret: credential.secret, binding: credential } } : {}),
      allowlist: workspace.httpAllowlist,
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxBytes,
      allowPrivate: limits.allowPrivate,
    });
    return JSON.stringify(res);
  }
  const cut = call.name.indexOf(MCP_TOOL_SEPARATOR);
  if (cut > 0) {
    const server = call.name.slice(0, cut);
    const tool = call.name.slice(cut + MCP_TOOL_SEPARATOR.length);
    if (refs.some((r) => r?.kind === "mcp" && r.server === server && (!r.tool || r.tool === tool))) {
      const endpoint = await mcpEndpoint(scope, server, runId);
      return callMcpTool(endpoint, call.name.slice(cut + MCP_TOOL_SEPARATOR.length), input, limits);
    }
  }
  throw new ToolError(`Tool ${call.name} is not one this agent may use`);
}

/** A workflow tool call whose child run was started: the caller waits for it, then settles the call. */
export interface PendingWorkflowCall {
  childRunId: string;
  startedAt: number;
}

export type ToolStepResult = ModelToolResult | PendingWorkflowCall;

const WORKFLOW_PREFIX = "workflow_";

async function findStep(scope: Scope, runId: string, position: number) {
  const step = await scope.db.step.findFirst({
    where: { runId, index: position },
    select: { id: true, run: { select: { workflowVersion: { select: { crew: true } } } } },
  });
  if (!step) throw new Error(`Run ${runId} has no step at position ${position}`);
  return step;
}

function asResult(call: ModelToolCall, r: { result: string | null; error: string | null }): ModelToolResult {
  return r.error !== null
    ? { toolCallId: call.id, content: r.error, isError: true }
    : { toolCallId: call.id, content: (r.result ?? "").slice(0, MAX_RESULT_FOR_MODEL) };
}

/** Writes the call's record once (a repeat finds it and writes nothing) and returns what the model sees. */
async function record(
  scope: Scope,
  stepId: string,
  call: ModelToolCall,
  index: number,
  outcome: { result: string | null; error: string | null },
  startedAt: number,
): Promise<ModelToolResult> {
  await scope.db.toolCall.createMany({
    data: [
      {
        workspaceId: scope.workspaceId,
        stepId,
        index,
        name: call.name,
        arguments: (call.input ?? {}) as object,
        result: outcome.result,
        error: outcome.error,
        durationMs: Date.now() - startedAt,
      },
    ],
    skipDuplicates: true,
  });
  return asResult(call, outcome);
}

/** Runs `fn`; a refusal or tool failure becomes the error the model sees, anything else throws. */
async function attempt(fn: () => Promise<string>): Promise<{ result: string | null; error: string | null }> {
  try {
    return { result: await fn(), error: null };
  } catch (err) {
    if (err instanceof ToolError || err instanceof AppError) return { result: null, error: err.message };
    throw err;
  }
}

/**
 * One tool call of step `position`, its `index`-th (1, 2, …), against the
 * tools and credentials the step lists (`listed`: a graph node's; null: its
 * crew agent's in the pinned crew): run once and recorded (name, arguments, full result or
 * error, duration). A call already recorded (the process died after
 * recording it) is not made again: its recorded result is returned.
 * Refusals and tool failures become an error result the model sees; other
 * errors throw so the durable step retries. A workflow tool starts the
 * workflow's run and returns it pending: the caller waits for the run to
 * finish, then settles the call with settleWorkflowCall.
 */
export async function executeToolCall(
  scope: Scope,
  runId: string,
  position: number,
  listed: ListedTools | null,
  call: ModelToolCall,
  index: number,
): Promise<ToolStepResult> {
  const step = await findStep(scope, runId, position);
  const recorded = await scope.db.toolCall.findFirst({
    where: { stepId: step.id, index },
    select: { result: true, error: true },
  });
  if (recorded) return asResult(call, recorded);
  const crew = step.run.workflowVersion.crew;
  const credentials = listed?.credentials ?? crewCredentials(crew, position);
  const started = Date.now();
  const context = await runContext(scope, runId);
  if (call.name === REMEMBER_TOOL_NAME && listed?.tools.includes(REMEMBER_TOOL_NAME)) {
    // Keyed by the call, so a call made again after a crash stores its fact once.
    const outcome = await rememberFact(scope, { runId, key: `${step.id}:remember:${index}`, input: call.input });
    return record(scope, step.id, call, index, outcome, started);
  }
  let tools: string[];
  try {
    tools = await expandDeclared(
      scope,
      (listed?.tools ?? crewTools(crew, position)).filter((t) => t !== REMEMBER_TOOL_NAME),
      context,
    );
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    return record(scope, step.id, call, index, { result: null, error: err.message }, started);
  }

  if (call.name.startsWith(WORKFLOW_PREFIX)) {
    const workflowId = call.name.slice(WORKFLOW_PREFIX.length);
    const allowed = tools.some((t) => parseToolName(t)?.kind === "workflow" && t === `workflow:${workflowId}`);
    let childRunId: string | null = null;
    const outcome = await attempt(async () => {
      if (!allowed) throw new ToolError(`Tool ${call.name} is not one this agent may use`);
      childRunId = await startWorkflowCall(scope, runId, step.id, index, workflowId, call.input);
      return "";
    });
    if (childRunId) return { childRunId, startedAt: started };
    return record(scope, step.id, call, index, outcome, started);
  }
  const outcome = await attempt(() =>
    dispatch(scope, runId, tools, credentials, call, context, listed?.skills ?? [], listed?.sandbox),
  );
  return record(scope, step.id, call, index, outcome, started);
}

/** A workflow tool call once its run has finished (or the wait timed out): its output, recorded once. */
export async function settleWorkflowCall(
  scope: Scope,
  runId: string,
  position: number,
  call: ModelToolCall,
  index: number,
  pending: PendingWorkflowCall,
): Promise<ModelToolResult> {
  const step = await findStep(scope, runId, position);
  const recorded = await scope.db.toolCall.findFirst({
    where: { stepId: step.id, index },
    select: { result: true, error: true },
  });
  if (recorded) return asResult(call, recorded);
  const outcome = await attempt(() => workflowCallResult(scope, pending.childRunId));
  return record(scope, step.id, call, index, outcome, pending.startedAt);
}
