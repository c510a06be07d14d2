import "server-only";
import { finishRun, type FinishedRun, type FinishOptions } from "@/lib/runs/finish-run";
import { recordRunSpan } from "@/lib/telemetry/record-run-span";
import { publishRunEvent } from "@/lib/webhooks/publish-run-events";
import { deleteRunSandboxes } from "@/lib/sandboxes/delete-sandboxes";
import { prepareRunSandboxes } from "@/lib/sandboxes/prepare-run-sandboxes";
import type { Execution } from "./execution";
import { runAgents } from "./run-agents";
import { runGraph } from "./run-graph";
import { startRun } from "./start-run";

/**
 * Runs a run's pinned workflow version, from start to finish, as durable
 * steps: `start` moves the run to running, then a crew's agents
 * (./run-agents.ts) or a graph's node visits (./run-graph.ts, walked by
 * ./walk-graph.ts) each run as a step with tool use (./tool-loop.ts), whose
 * model turns are ./execute-step.ts; `finish` settles the run from its steps.
 * A retry or a crash replays the journaled steps and resumes after the last
 * completed one, never repeating a finished model call or tool call.
 *
 * A graph whose nodes name sandboxes gets them in step `sandboxes`, before
 * any model is called (no provider, or one that cannot create them, fails the
 * run there); step `sandboxes-delete` deletes them once the run has finished.
 */
export async function runWorkflowVersion(ex: Execution): Promise<FinishedRun> {
  const started = await ex.step.run("start", async () => {
    const run = await startRun(ex.scope, ex.runId);
    if (run.proceed) await publishRunEvent(ex.scope, ex.runId);
    return run;
  });
  let finish: FinishOptions = {};
  const sandboxed = started.proceed && started.graph?.nodes.some((n) => n.sandbox);
  const prepared = sandboxed
    ? await ex.step.run("sandboxes", () => prepareRunSandboxes(ex.scope, ex.runId))
    : { ok: true as const };
  if (!prepared.ok) finish = { graph: true, failWith: prepared.error, errorCode: "sandbox_unavailable" };
  else if (started.proceed && started.graph) finish = await runGraph(ex, started.graph);
  else if (started.proceed) await runAgents(ex, started.stepCount);
  const finished = await ex.step.run("finish", async () => {
    const finished = await finishRun(ex.scope, ex.runId, finish);
    await recordRunSpan(ex);
    return finished;
  });
  if (sandboxed) await ex.step.run("sandboxes-delete", () => deleteRunSandboxes(ex.scope, ex.runId));
  return finished;
}
