import "server-only";
import { isDeepStrictEqual } from "node:util";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import type { Scope } from "@/lib/db/tenant";
import { badRequest, notFound } from "@/lib/http/errors";
import { readStoredInput, type AgentInput, type StoredInput } from "../transcript";
import type { RunComparison } from "./compare-schemas";

const stepFields = {
  id: true,
  index: true,
  role: true,
  input: true,
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

type Run = Awaited<ReturnType<typeof readRun>>;
type Step = Run["steps"][number];

function shown(step: Step | undefined) {
  if (!step) return null;
  return {
    id: step.id,
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

/** The exact input a step was sent (its recipe filled from its run), or null before it started or on an approval. */
function inputOf(run: Run, step: Step | undefined): AgentInput | null {
  if (!step?.input || !step.startedAt) return null;
  return readStoredInput(parseJsonColumn<StoredInput>(step.input), run.input, run.steps);
}

/** Which parts of two steps' inputs differ: the system prompt, the messages (the run's input and earlier outputs). */
function inputDifferences(a: AgentInput | null, b: AgentInput | null): ("system" | "messages")[] {
  const parts: ("system" | "messages")[] = [];
  if (a?.system !== b?.system) parts.push("system");
  if (!isDeepStrictEqual(a?.messages ?? null, b?.messages ?? null)) parts.push("messages");
  return parts;
}

/**
 * Two runs of one workflow side by side, step by step by index: what differs
 * at each (node, status, input, output, typed fields, model) and the first index
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
    const differences: ("node" | "status" | "input" | "output" | "data" | "model")[] = [];
    const inputs = inputDifferences(inputOf(a, sa), inputOf(b, sb));
    if (x?.nodeId !== y?.nodeId) differences.push("node");
    if (x?.status !== y?.status) differences.push("status");
    if (inputs.length > 0) differences.push("input");
    if (x?.output !== y?.output) differences.push("output");
    if (!isDeepStrictEqual(x?.data ?? null, y?.data ?? null)) differences.push("data");
    if (sa?.model !== sb?.model) differences.push("model");
    return { index, a: x, b: y, same: differences.length === 0, differences, inputDifferences: inputs };
  });
  const diverged = steps.find((s) => !s.same);
  return { a: a.id, b: b.id, sameInput: a.input === b.input, divergedAtStep: diverged?.index ?? null, steps };
}
