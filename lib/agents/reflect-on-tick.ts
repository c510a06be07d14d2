import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { recordReflectionUsage } from "@/lib/billing/record-reflection-usage";
import { complete, estimateCost, type ModelRequest, type ModelResult } from "@/lib/models";
import { versionContent, type VersionContent } from "@/lib/workflows/serialize-workflow";

/** What the reflection sees of a version: the crew, or the graph. */
function contentOf(content: VersionContent) {
  return content.kind === "graph" ? { crew: null, graph: content.graph } : { crew: content.crew };
}
import { appendAgentLog } from "./agent-log";
import { applyReflection } from "./apply-reflection";
import { parseReflection, type ParsedReflection } from "./parse-reflection";
import { buildReflectionPrompt } from "./reflection-prompt";

const TERMINAL: RunStatus[] = ["completed", "failed", "cancelled"];

export interface TickRun {
  runId: string;
  workflowId: string;
  status: RunStatus;
}

/**
 * Claims the tick for reflection once every run of it has ended: the
 * conditional update running → completed lets exactly one caller through,
 * however many `run/finished` events arrive.
 */
export async function claimTickReflection(
  scope: Scope,
  tickId: string,
): Promise<{ agentId: string; runs: TickRun[] } | null> {
  const tick = await scope.db.agentTick.findFirst({
    where: { id: tickId },
    select: { id: true, agentId: true, status: true },
  });
  if (!tick || tick.status !== "running") return null;
  const runs = await scope.db.run.findMany({
    where: { agentTickId: tickId },
    orderBy: { createdAt: "asc" },
    select: { id: true, workflowId: true, status: true },
  });
  if (runs.length === 0 || runs.some((r) => !TERMINAL.includes(r.status))) return null;
  const won = await scope.db.agentTick.updateMany({
    where: { id: tickId, status: "running" },
    data: { status: "completed" },
  });
  if (won.count === 0) return null;
  return {
    agentId: tick.agentId,
    runs: runs.map((r) => ({ runId: r.id, workflowId: r.workflowId, status: r.status })),
  };
}

/** How many of an agent's decided proposals its next reflection reads. */
const REVIEWS_SHOWN = 3;

/** The admins' latest decisions on the agent's proposals, with their comments. */
async function latestReviews(scope: Scope, agentId: string) {
  const rows = await scope.db.reflection.findMany({
    where: { agentId, proposal: { in: ["approved", "rejected"] } },
    orderBy: { decidedAt: "desc" },
    take: REVIEWS_SHOWN,
    select: { proposal: true, decisionComment: true, reason: true },
  });
  return rows.map((r) => ({ decision: r.proposal!, comment: r.decisionComment, proposed: r.reason }));
}

/** The reflection request for one run: the agent's goal and model, the crew the run used, its steps. */
export async function reflectionRequest(scope: Scope, agentId: string, runId: string): Promise<ModelRequest> {
  const agent = await scope.db.agent.findFirstOrThrow({ where: { id: agentId }, select: { goal: true, model: true } });
  const run = await scope.db.run.findFirstOrThrow({
    where: { id: runId },
    include: {
      steps: {
        orderBy: { index: "asc" },
        select: { index: true, role: true, nodeId: true, status: true, error: true, output: true },
      },
      workflow: { select: { id: true, name: true } },
      workflowVersion: { select: { version: true, crew: true, graph: true } },
    },
  });
  const prompt = buildReflectionPrompt({
    goal: agent.goal,
    workflow: {
      id: run.workflow.id,
      name: run.workflow.name,
      version: run.workflowVersion.version,
      ...contentOf(versionContent(run.workflowVersion)),
    },
    run: { id: run.id, status: run.status, input: run.input, output: run.output, error: run.error },
    steps: run.steps,
    reviews: await latestReviews(scope, agentId),
  });
  return { model: agent.model, system: prompt.system, messages: prompt.messages, maxTokens: 4000, role: "reflection" };
}

/**
 * Asks the agent's model about one run; a failed call is reported as text-less
 * so it reads as ok, never breaking the tick. An answered call is metered as one
 * step (once per run, however often this is retried); `usageEventId` names it.
 */
export async function callReflectionModel(
  scope: Scope,
  req: ModelRequest,
  run: { runId: string; workflowId: string },
): Promise<{ text: string | null; error: string | null; usageEventId: string | null }> {
  let result: ModelResult;
  try {
    result = await complete(req);
  } catch (err) {
    return { text: null, error: err instanceof Error ? err.message : String(err), usageEventId: null };
  }
  const usageEventId = await recordReflectionUsage(scope, {
    ...run,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costUsd: estimateCost(result.model, result.inputTokens, result.outputTokens).usd,
  });
  return { text: result.text, error: null, usageEventId };
}

/** Parses and applies one run's reflection; a second call for the same tick and workflow returns the first result. */
export async function applyRunReflection(
  scope: Scope,
  input: { agentId: string; tickId: string; workflowId: string; text: string | null; error: string | null },
) {
  const existing = await scope.db.reflection.findFirst({
    where: { agentId: input.agentId, tickId: input.tickId, workflowId: input.workflowId },
    select: { id: true, verdict: true },
  });
  if (existing) return existing;
  const parsed: ParsedReflection =
    input.text === null
      ? { verdict: "ok", reason: `The reflection call failed (${input.error ?? "unknown error"}); treated as ok.` }
      : parseReflection(input.text);
  const row = await applyReflection(scope, {
    agentId: input.agentId,
    tickId: input.tickId,
    workflowId: input.workflowId,
    parsed,
    raw: input.text,
  });
  return { id: row.id, verdict: row.verdict };
}

/**
 * Closes a tick after its reflections: the tick is failed when a run failed or
 * a verdict was fail; the agent returns to idle unless a fail verdict marked it
 * failed (or it was paused meanwhile); lastRunAt is set.
 */
export async function finishTick(scope: Scope, tickId: string, agentId: string, runs: TickRun[]) {
  const reflections = await scope.db.reflection.findMany({ where: { tickId }, select: { verdict: true } });
  const failedVerdict = reflections.some((r) => r.verdict === "fail");
  const failedRun = runs.some((r) => r.status !== "completed");
  const now = new Date();
  const { workspaceId } = scope;
  await scope.db.$transaction(async (tx) => {
    await tx.agentTick.updateMany({
      where: { id: tickId },
      data: { status: failedVerdict || failedRun ? "failed" : "completed", finishedAt: now },
    });
    await tx.agent.updateMany({ where: { id: agentId }, data: { lastRunAt: now } });
    await tx.agent.updateMany({
      where: { id: agentId, status: "running" },
      data: { status: failedVerdict ? "failed" : "idle" },
    });
    const done = runs.filter((r) => r.status === "completed").length;
    await appendAgentLog(tx, workspaceId, agentId, {
      level: failedVerdict ? "error" : failedRun ? "warn" : "info",
      message: `Tick finished: ${done} of ${runs.length} run(s) completed; verdicts ${reflections.map((r) => r.verdict).join(", ") || "none"}.`,
      data: { tickId },
    });
  });
  return { failedVerdict, failedRun };
}
