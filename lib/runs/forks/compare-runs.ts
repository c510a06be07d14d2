import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { Scope } from "@/lib/db/tenant";
import { badRequest, notFound } from "@/lib/http/errors";
import type { RunComparison } from "./compare-schemas";

const stepFields = {
  index: true,
  nodeId: true,
  model: true,
  status: true,
  output: true,
  data: true,
  inputTokens: true,
  outputTokens: true,
  costUsd: true,
  startedAt: true,
  finishedAt: true,
  reused: true,
  _count: { select: { toolCalls: true } },
} as const;

async function readRun(scope: Scope, id: string) {
  const run = await scope.db.run.findFirst({
    where: { id },
    select: { id: true, workflowId: true, input: true, steps: { orderBy: { index: "asc" }, select: stepFields } },
  });
  if (!run) throw notFound("Run");
  return run;
}

type Step = Awaited<ReturnType<typeof readRun>>["steps"][number];

function shown(step: Step | undefined) {
  if (!step) return null;
  return {
    nodeId: step.nodeId ?? `agent-${step.index + 1}`,
    status: step.status,
    output: step.output,
    data: (step.data as Record<string, unknown> | null) ?? null,
    inputTokens: step.inputTokens,
    outputTokens: step.outputTokens,
    costUsd: Number(step.costUsd.toString()),
    durationMs: step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null,
    toolCalls: step._count.toolCalls,
    reused: step.reused,
  };
}

/**
 * Two runs of one workflow side by side, step by step by index: what differs
 * at each (node, status, output, typed fields, model) and the first index
 * where they diverge. Any two runs of the same workflow compare, forks or not;
 * a run of another workspace is 404, two workflows' runs 400.
 */
export async function compareRuns(scope: Scope, aId: string, bId: string): Promise<RunComparison> {
  const [a, b] = [await readRun(scope, aId), await readRun(scope, bId)];
  if (a.workflowId !== b.workflowId) {
    throw badRequest("The two runs are of different workflows; compare runs of one workflow.", [
      { field: "b", message: "Not a run of the first run's workflow" },
    ]);
  }
  const length = Math.max(a.steps.length, b.steps.length);
  const steps = Array.from({ length }, (_, index) => {
    const [sa, sb] = [a.steps.find((s) => s.index === index), b.steps.find((s) => s.index === index)];
    const [x, y] = [shown(sa), shown(sb)];
    const differences: ("node" | "status" | "output" | "data" | "model")[] = [];
    if (x?.nodeId !== y?.nodeId) differences.push("node");
    if (x?.status !== y?.status) differences.push("status");
    if (x?.output !== y?.output) differences.push("output");
    if (!isDeepStrictEqual(x?.data ?? null, y?.data ?? null)) differences.push("data");
    if (sa?.model !== sb?.model) differences.push("model");
    return { index, a: x, b: y, same: differences.length === 0, differences };
  });
  const diverged = steps.find((s) => !s.same);
  return { a: a.id, b: b.id, sameInput: a.input === b.input, divergedAtStep: diverged?.index ?? null, steps };
}
