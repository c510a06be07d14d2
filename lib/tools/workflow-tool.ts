import "server-only";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { createRun } from "@/lib/runs/create-run";
import { ToolError } from "./errors";
import type { ToolSpec } from "./types";

/** How deep workflows may call workflows: a run started by a tool started by a tool… */
export const MAX_WORKFLOW_DEPTH = 3;
/** The prefix of a tool-started run's idempotency key: `tool:<parent run id>:<step id>:<call>`. */
const KEY_PREFIX = "tool:";

export const workflowToolName = (workflowId: string) => `workflow_${workflowId}`;

export async function workflowToolSpec(scope: Scope, workflowId: string): Promise<ToolSpec> {
  const wf = await scope.db.workflow.findFirst({
    where: { id: workflowId },
    select: { name: true, description: true },
  });
  if (!wf) throw new ToolError(`Workflow ${workflowId} no longer exists in this workspace`);
  return {
    name: workflowToolName(workflowId),
    description: `Run the workflow "${wf.name}"${wf.description ? ` (${wf.description})` : ""} with an input and get its output.`,
    inputSchema: {
      type: "object",
      properties: { input: { type: "string", description: "The workflow run's input" } },
      required: ["input"],
    },
  };
}

/** How many tool-started runs lead to `runId` (0 for a run a person or an agent started). */
async function depthOf(scope: Scope, runId: string): Promise<number> {
  let depth = 0;
  let current: string | null = runId;
  while (current && depth <= MAX_WORKFLOW_DEPTH) {
    const run: { idempotencyKey: string | null } | null = await scope.db.run.findFirst({
      where: { id: current },
      select: { idempotencyKey: true },
    });
    const key: string | null | undefined = run?.idempotencyKey;
    if (!key?.startsWith(KEY_PREFIX)) break;
    depth++;
    current = key.slice(KEY_PREFIX.length).split(":")[0] ?? null;
  }
  return depth;
}

/**
 * Starts the workflow a tool call names as a child run (once: its idempotency
 * key is the call's place), with the parent's agent so its capabilities still
 * gate the child's tools. Refused past MAX_WORKFLOW_DEPTH, so workflows that
 * call each other stop.
 */
export async function startWorkflowCall(
  scope: Scope,
  parentRunId: string,
  stepId: string,
  index: number,
  workflowId: string,
  input: unknown,
): Promise<string> {
  if ((await depthOf(scope, parentRunId)) + 1 > MAX_WORKFLOW_DEPTH) {
    throw new ToolError(`Workflows may call workflows at most ${MAX_WORKFLOW_DEPTH} deep; this call would go deeper`);
  }
  const parent = await scope.db.run.findFirst({
    where: { id: parentRunId },
    select: { triggeredBy: true, triggeredById: true, agentId: true },
  });
  const text = typeof (input as { input?: unknown })?.input === "string" ? (input as { input: string }).input : "";
  if (!text.trim()) throw new ToolError("Give the workflow an input");
  try {
    const { run } = await createRun(scope, {
      workflowId,
      input: text,
      idempotencyKey: `${KEY_PREFIX}${parentRunId}:${stepId}:${index}`,
      triggeredBy: parent?.triggeredBy ?? "user",
      triggeredById: parent?.triggeredById ?? null,
      agentId: parent?.agentId ?? null,
    });
    return run.id;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) throw new ToolError(err.message);
    throw err;
  }
}

/** The child run's outcome as the call's result: its output, or why it did not finish. */
export async function workflowCallResult(scope: Scope, childRunId: string): Promise<string> {
  const run = await scope.db.run.findFirst({
    where: { id: childRunId },
    select: { status: true, output: true, error: true },
  });
  if (!run) throw new ToolError("The workflow's run is gone");
  if (run.status === "completed") return run.output ?? "";
  if (run.status === "failed" || run.status === "cancelled") {
    throw new ToolError(`The workflow's run ${run.status}: ${run.error ?? "no reason given"}`);
  }
  throw new ToolError("The workflow's run did not finish in time");
}
