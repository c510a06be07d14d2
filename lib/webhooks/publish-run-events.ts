import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { publishWebhookEvent } from "./publish-webhook-event";

/**
 * The run and step events endpoints subscribe to. Each is published once per
 * run (or step) whatever retries and replays repeat it: its key is the event
 * and the object. A run's events share its order key, so an endpoint gets them
 * in order.
 */

async function runSummary(scope: Scope, runId: string) {
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: {
      id: true,
      workflowId: true,
      workflowVersionId: true,
      status: true,
      error: true,
      errorCode: true,
      inputTokens: true,
      outputTokens: true,
      costUsd: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  if (!run) return null;
  return {
    runId: run.id,
    workflowId: run.workflowId,
    workflowVersionId: run.workflowVersionId,
    status: run.status,
    error: run.error,
    errorCode: run.errorCode,
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    costUsd: run.costUsd.toString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

const RUN_END_EVENTS = { completed: "run.completed", failed: "run.failed", cancelled: "run.cancelled" } as const;

/** run.started once the run is running; run.completed, run.failed or run.cancelled once it has ended. */
export async function publishRunEvent(scope: Scope, runId: string): Promise<void> {
  const run = await runSummary(scope, runId);
  if (!run) return;
  const type = run.status === "running" ? "run.started" : RUN_END_EVENTS[run.status as keyof typeof RUN_END_EVENTS];
  if (!type) return;
  await publishWebhookEvent(scope, { type, data: run, key: `${type}:${runId}`, orderKey: runId });
}

/** step.completed or step.failed for a settled step (other outcomes publish nothing). */
export async function publishStepEvent(
  scope: Scope,
  runId: string,
  stepIndex: number,
  outcome: { status: string; error?: string },
): Promise<void> {
  if (outcome.status !== "completed" && outcome.status !== "failed") return;
  const type = outcome.status === "completed" ? "step.completed" : "step.failed";
  const step = await scope.db.step.findFirst({
    where: { runId, index: stepIndex },
    select: {
      id: true,
      role: true,
      nodeId: true,
      model: true,
      status: true,
      error: true,
      inputTokens: true,
      outputTokens: true,
    },
  });
  await publishWebhookEvent(scope, {
    type,
    data: {
      runId,
      stepIndex,
      ...(step
        ? {
            stepId: step.id,
            role: step.role,
            nodeId: step.nodeId,
            model: step.model,
            inputTokens: step.inputTokens,
            outputTokens: step.outputTokens,
          }
        : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    },
    key: `${type}:${runId}:${stepIndex}`,
    orderKey: runId,
  });
}

/** budget.exceeded, once per run: the reason names the budget and what was spent. */
export async function publishBudgetExceeded(scope: Scope, runId: string, stepIndex: number, reason: string) {
  await publishWebhookEvent(scope, {
    type: "budget.exceeded",
    data: { runId, stepIndex, reason },
    key: `budget.exceeded:${runId}`,
    orderKey: runId,
  });
}

/** approval.requested: a run waits at an approval node for a person's answer; once per approval step. */
export async function publishApprovalRequested(
  scope: Scope,
  request: {
    runId: string;
    stepIndex: number;
    nodeId: string;
    prompt: string;
    approvers: string[] | null;
    timeout: { after: string; then: string };
    expiresAt: string;
  },
) {
  await publishWebhookEvent(scope, {
    type: "approval.requested",
    data: request,
    key: `approval.requested:${request.runId}:${request.stepIndex}`,
    orderKey: request.runId,
  });
}

/** agent.reflected: an agent's reflection on one of its tick's runs, and what it did to the workflow. */
export async function publishAgentReflected(
  scope: Scope,
  reflection: { agentId: string; tickId: string; runId: string; workflowId: string; verdict: string },
) {
  await publishWebhookEvent(scope, {
    type: "agent.reflected",
    data: reflection,
    key: `agent.reflected:${reflection.tickId}:${reflection.runId}`,
    orderKey: reflection.runId,
  });
}
