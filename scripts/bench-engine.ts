/**
 * Measures the engine's own time per step: the wall time of a 10-agent run
 * through the in-process driver with the local provider, minus the time the
 * model calls themselves take, divided by 10. Target: ≤ 5 ms per step.
 * Run through `npm run bench:engine` (starts the database first).
 * BENCH_RUNS sets how many runs are averaged (default 10).
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { runCrew } from "../inngest/functions/run-crew";
import { db } from "../lib/db/client";
import { startDriver } from "../lib/engine/driver";
import { RUN_REQUESTED } from "../lib/engine/events";
import { sendEvent } from "../lib/engine/send-event";
import { localProvider } from "../lib/models/local-provider";
import type { ModelRequest } from "../lib/models/types";

const AGENTS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

async function makeRun(workspaceId: string, workflowId: string, versionId: string, i: number) {
  return db.run.create({
    data: {
      workspaceId,
      workflowId,
      workflowVersionId: versionId,
      input: `Benchmark input ${i}: write a guide to brewing oolong tea for beginners.`,
      stepCount: AGENTS,
      steps: {
        create: Array.from({ length: AGENTS }, (_, index) => ({
          workspaceId,
          index,
          role: index === 0 ? "planner" : index === AGENTS - 1 ? "writer" : `agent-${index + 1}`,
          model: "claude-sonnet-4-6",
        })),
      },
    },
  });
}

async function waitDone(runId: string) {
  for (;;) {
    // A light query: the poll should not slow the engine it measures.
    const [run] = await db.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS status FROM "Run" WHERE id = ${runId}`;
    if (run?.status === "completed" || run?.status === "failed") return run.status;
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Time the model itself takes: the same requests, straight to the local provider. */
async function modelTime(runId: string): Promise<number> {
  const steps = await db.step.findMany({ where: { runId }, orderBy: { index: "asc" } });
  let total = 0;
  for (const s of steps) {
    const input = s.input as unknown as { system: string; messages: ModelRequest["messages"] };
    const t0 = performance.now();
    await localProvider.call({ model: s.model, role: s.role, ...input });
    total += performance.now() - t0;
  }
  return total;
}

async function main() {
  const slug = `bench-${Date.now().toString(36)}`;
  const ws = await db.workspace.create({ data: { name: slug, slug, plan: "team" } });
  const wf = await db.workflow.create({ data: { workspaceId: ws.id, name: "bench", model: "claude-sonnet-4-6" } });
  const crew = Array.from({ length: AGENTS }, (_, i) => ({
    role: `agent-${i + 1}`,
    systemPrompt: `You are agent ${i + 1}.`,
  }));
  const version = await db.workflowVersion.create({
    data: { workspaceId: ws.id, workflowId: wf.id, version: 1, crew },
  });
  const driver = await startDriver({ functions: runCrew, workspaces: [ws.id], config: { pollMs: 1000 } });

  const perStep: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const run = await makeRun(ws.id, wf.id, version.id, i);
    const t0 = performance.now();
    await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId: ws.id } });
    const status = await waitDone(run.id);
    const wall = performance.now() - t0;
    if (status !== "completed") throw new Error(`bench run ${run.id} ${status}`);
    const model = await modelTime(run.id);
    if (i > 0) perStep.push((wall - model) / AGENTS); // the first run warms up
  }
  await driver.stop();
  if (!process.env.BENCH_KEEP) await db.workspace.delete({ where: { id: ws.id } });

  perStep.sort((a, b) => a - b);
  const mean = perStep.reduce((a, b) => a + b, 0) / perStep.length;
  const median = perStep[Math.floor(perStep.length / 2)]!;
  const [load1] = loadavg();
  console.log(
    `engine time per step: ${mean.toFixed(2)} ms mean, ${median.toFixed(2)} ms median over ${perStep.length} runs of ${AGENTS} agents (target ≤ 5 ms; load average ${load1!.toFixed(1)} on ${cpus().length} cores)`,
  );
  console.log(
    JSON.stringify({
      benchmark: "engine",
      msPerStepMean: +mean.toFixed(3),
      msPerStepMedian: +median.toFixed(3),
      runs: perStep.length,
      agents: AGENTS,
    }),
  );
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
