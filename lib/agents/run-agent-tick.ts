import "server-only";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { createRun } from "@/lib/runs/create-run";
import { appendAgentLog, logAgent } from "./agent-log";

export type TickStart =
  { proceed: false; reason: string } | { proceed: true; agentId: string; workflowIds: string[]; input: string };

/**
 * First step of a tick: checks the tick is still to be started and marks the
 * agent running. A tick whose agent was paused after the claim is dropped.
 */
export async function beginTick(scope: Scope, tickId: string): Promise<TickStart> {
  const tick = await scope.db.agentTick.findFirst({ where: { id: tickId } });
  if (!tick) return { proceed: false, reason: "tick not found" };
  if (tick.status !== "claimed") return { proceed: false, reason: `tick already ${tick.status}` };
  const agent = await scope.db.agent.findFirst({
    where: { id: tick.agentId },
    include: { workflows: { orderBy: { position: "asc" }, select: { workflowId: true } } },
  });
  if (!agent) return { proceed: false, reason: "agent deleted" };
  const { workspaceId } = scope;
  if (agent.status === "paused") {
    await scope.db.$transaction(async (tx) => {
      await tx.agentTick.updateMany({
        where: { id: tickId, status: "claimed" },
        data: { status: "failed", finishedAt: new Date() },
      });
      await appendAgentLog(tx, workspaceId, agent.id, {
        level: "warn",
        message: "Tick skipped: the agent is paused.",
        data: { tickId },
      });
    });
    return { proceed: false, reason: "agent paused" };
  }
  await scope.db.agent.updateMany({ where: { id: agent.id, status: { not: "paused" } }, data: { status: "running" } });
  return {
    proceed: true,
    agentId: agent.id,
    workflowIds: agent.workflows.map((w) => w.workflowId),
    input: tickInput(agent.goal, agent.capabilities),
  };
}

/** What an agent with the `ai` capability is told it may do: propose, never apply. */
export const AI_CAPABILITY_NOTE =
  "You may propose new workflows, changes to workflows, event types or agents for a person to review: put " +
  "fenced ```workflow-create```, ```workflow-update```, ```event-type-create``` or ```agent-create``` blocks " +
  "(the API's request bodies as JSON) in your answer. They are saved as proposals in the agent's chat; " +
  "nothing is created until a person creates it.";

/**
 * What each workflow of the tick is run on: the agent's goal, verbatim (the
 * crew's first agent receives it as the run input); with the `ai`
 * capability, followed by how to propose new artifacts.
 */
export function tickInput(goal: string, capabilities: readonly string[] = []): string {
  return capabilities.includes("ai") ? `${goal}\n\n${AI_CAPABILITY_NOTE}` : goal;
}

export interface TickRunResult {
  workflowId: string;
  runId: string | null;
  error: string | null;
}

/**
 * Creates one run per workflow. The idempotency key (tick + workflow) means a
 * retried step creates no second run. A workflow that cannot run (paused,
 * deleted, over the plan's allowance) is logged and skipped.
 */
export async function createTickRuns(
  scope: Scope,
  tick: { tickId: string; agentId: string; workflowIds: string[]; input: string },
): Promise<TickRunResult[]> {
  const results: TickRunResult[] = [];
  for (const workflowId of tick.workflowIds) {
    try {
      const { run } = await createRun(scope, {
        workflowId,
        input: tick.input,
        idempotencyKey: `agent-tick:${tick.tickId}:${workflowId}`,
        triggeredBy: "agent",
        triggeredById: tick.agentId,
        agentId: tick.agentId,
        agentTickId: tick.tickId,
      });
      results.push({ workflowId, runId: run.id, error: null });
      await logAgent(scope, tick.agentId, {
        message: `Run ${run.id} queued.`,
        data: { tickId: tick.tickId, workflowId, runId: run.id },
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ workflowId, runId: null, error: err.message });
      await logAgent(scope, tick.agentId, {
        level: "error",
        message: `Could not start workflow ${workflowId}: ${err.message}`,
        data: { tickId: tick.tickId, workflowId },
      });
    }
  }
  return results;
}

/**
 * Marks the tick running once all its runs exist (reflection waits for this).
 * When no run could start, the tick fails and the agent goes back to idle.
 */
export async function markTickStarted(scope: Scope, tickId: string, agentId: string, results: TickRunResult[]) {
  const { workspaceId } = scope;
  const started = results.filter((r) => r.runId).length;
  return scope.db.$transaction(async (tx) => {
    if (started > 0) {
      await tx.agentTick.updateMany({ where: { id: tickId, status: "claimed" }, data: { status: "running" } });
      return { started };
    }
    const now = new Date();
    await tx.agentTick.updateMany({
      where: { id: tickId, status: "claimed" },
      data: { status: "failed", finishedAt: now },
    });
    await tx.agent.updateMany({ where: { id: agentId, status: "running" }, data: { status: "idle", lastRunAt: now } });
    await appendAgentLog(tx, workspaceId, agentId, {
      level: "error",
      message: "Tick failed: no workflow could be started.",
      data: { tickId },
    });
    return { started };
  });
}
