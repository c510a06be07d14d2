/**
 * Benchmarks the in-process driver (which runs the functions through the serve
 * endpoint, as an Inngest server does), with the local provider:
 * 1. Load: BENCH_LOAD_RUNS (default 200) runs of a 3-agent crew whose model
 *    calls take 1 s each, spread over Team workspaces so no plan limit binds:
 *    wall time against the ideal (3 s), the most runs in flight at once, and
 *    per run the latency (requested → finished, median and p95, against its
 *    3 s of model time) and the start lag (requested → first step started).
 * 2. The engine's own time per step: the wall time of a 10-agent run minus the
 *    time its model calls take, divided by 10 (BENCH_RUNS runs, default 10),
 *    one run at a time on an otherwise idle engine, with each run's start lag;
 *    and the same for a 30-agent run, to show whether it is flat in the steps.
 * 3. The process's RSS before and after (1).
 * Run through `npm run bench:engine` (starts the database first).
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { runCrew } from "../inngest/functions/run-crew";
import { db } from "../lib/db/client";
import { scopeFor } from "../lib/db/tenant";
import { startDriver } from "../lib/engine/driver";
import { RUN_REQUESTED } from "../lib/engine/events";
import { sendEvent } from "../lib/engine/send-event";
import { localProvider } from "../lib/models/local-provider";
import { getRun } from "../lib/runs/get-run";
import { medianP95, percentile } from "./bench-stats";

const AGENTS = 10;
/** A longer run, to show whether the engine's time per step grows with the steps. */
const LONG_AGENTS = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 200);
const LOAD_AGENTS = 3;
const LOAD_CALL_MS = 1000;

async function makeRun(workspaceId: string, workflowId: string, versionId: string, i: number, agents = AGENTS) {
  return db.run.create({
    data: {
      workspaceId,
      workflowId,
      workflowVersionId: versionId,
      input: `Benchmark input ${i}: write a guide to brewing oolong tea for beginners.`,
      stepCount: agents,
      steps: {
        create: Array.from({ length: agents }, (_, index) => ({
          workspaceId,
          index,
          role: index === 0 ? "planner" : index === agents - 1 ? "writer" : `agent-${index + 1}`,
          model: "claude-sonnet-4-6",
        })),
      },
    },
  });
}

async function makeWorkflow(workspaceId: string, crew: { role: string; systemPrompt: string }[]) {
  const wf = await db.workflow.create({ data: { workspaceId, name: "bench", model: "claude-sonnet-4-6" } });
  const version = await db.workflowVersion.create({ data: { workspaceId, workflowId: wf.id, version: 1, crew } });
  return { workflowId: wf.id, versionId: version.id };
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** (1) Many I/O-bound runs at once: wall time against the ideal, and the most in flight. */
async function load(workspaces: string[], inFlight: () => number) {
  const crew = Array.from({ length: LOAD_AGENTS }, (_, i) => ({
    role: `agent-${i + 1}`,
    systemPrompt: `You are agent ${i + 1}. [[simulate:slow:${LOAD_CALL_MS}]]`,
  }));
  const flows = await Promise.all(workspaces.map((ws) => makeWorkflow(ws, crew)));
  const runs = await Promise.all(
    Array.from({ length: LOAD_RUNS }, (_, i) => {
      const w = i % workspaces.length;
      return makeRun(workspaces[w]!, flows[w]!.workflowId, flows[w]!.versionId, i, LOAD_AGENTS);
    }),
  );
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, inFlight())), 10);
  const t0 = performance.now();
  const requested = Date.now();
  await sendEvent(
    runs.map((run) => ({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId: run.workspaceId, plan: "team" } })),
  );
  // One query for all runs, so the poll does not load the database the engine uses.
  const ids = runs.map((r) => r.id);
  let counts: { open: number; failed: number } | undefined;
  do {
    await new Promise((r) => setTimeout(r, 20));
    [counts] = await db.$queryRaw<{ open: number; failed: number }[]>`
      SELECT count(*) FILTER (WHERE status NOT IN ('completed', 'failed', 'cancelled'))::int AS open,
             count(*) FILTER (WHERE status <> 'completed')::int AS failed
      FROM "Run" WHERE id = ANY(${ids})`;
  } while (counts && counts.open > 0);
  const wall = (performance.now() - t0) / 1000;
  clearInterval(watch);
  if (counts && counts.failed > 0) throw new Error(`${counts.failed} load runs did not complete`);
  const timings = await runTimings(ids);
  const latency = timings.map((t) => t.finishedAt - requested);
  const startLag = timings.map((t) => t.firstStepAt - requested);
  return { wall, ideal: (LOAD_AGENTS * LOAD_CALL_MS) / 1000, most, latency, startLag };
}

/** When each run finished and its first step started (epoch ms), read once the runs are done. */
async function runTimings(ids: string[]) {
  const rows = await db.$queryRaw<{ finishedAt: Date; firstStepAt: Date }[]>`
    SELECT r."finishedAt", (SELECT min(s."startedAt") FROM "Step" s WHERE s."runId" = r.id) AS "firstStepAt"
    FROM "Run" r WHERE r.id = ANY(${ids})`;
  return rows.map((r) => ({ finishedAt: r.finishedAt.getTime(), firstStepAt: r.firstStepAt.getTime() }));
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
async function modelTime(workspaceId: string, runId: string): Promise<number> {
  const { steps } = await getRun(scopeFor(workspaceId), runId, { includeInputs: true });
  let total = 0;
  for (const s of steps) {
    const t0 = performance.now();
    await localProvider.call({ model: s.model, role: s.role, ...s.input! });
    total += performance.now() - t0;
  }
  return total;
}

async function main() {
  const stamp = Date.now().toString(36);
  // Team workspaces of 25 runs each, so the plan's limit does not bind the load.
  const loadWorkspaces = await Promise.all(
    Array.from({ length: Math.ceil(LOAD_RUNS / 25) }, (_, i) =>
      db.workspace.create({ data: { name: `bench-${stamp}-${i}`, slug: `bench-${stamp}-${i}`, plan: "team" } }),
    ),
  );
  const ws = await db.workspace.create({ data: { name: `bench-${stamp}`, slug: `bench-${stamp}`, plan: "team" } });
  const crew = Array.from({ length: AGENTS }, (_, i) => ({
    role: `agent-${i + 1}`,
    systemPrompt: `You are agent ${i + 1}.`,
  }));
  const { workflowId, versionId } = await makeWorkflow(ws.id, crew);
  const driver = await startDriver({
    functions: runCrew,
    workspaces: [ws.id, ...loadWorkspaces.map((w) => w.id)],
    config: { pollMs: 1000 },
  });

  const rssBefore = rssMb();
  const loaded = await load(
    loadWorkspaces.map((w) => w.id),
    () => driver.inFlight(),
  );
  const rssAfter = rssMb();

  /** One run at a time on the idle engine: its time per step beyond the model's, and its start lag. */
  const sequential = async (agents: number, flow: { workflowId: string; versionId: string }, runs: number) => {
    const perStep: number[] = [];
    const startLag: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const run = await makeRun(ws.id, flow.workflowId, flow.versionId, i, agents);
      const t0 = performance.now();
      const requested = Date.now();
      await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId: ws.id, plan: "team" } });
      const status = await waitDone(run.id);
      const wall = performance.now() - t0;
      if (status !== "completed") throw new Error(`bench run ${run.id} ${status}`);
      const model = await modelTime(ws.id, run.id);
      if (i === 0) continue; // the first run warms up
      perStep.push((wall - model) / agents);
      startLag.push((await runTimings([run.id]))[0]!.firstStepAt - requested);
    }
    return { perStep, startLag };
  };
  const ten = await sequential(AGENTS, { workflowId, versionId }, RUNS);
  const long = await sequential(
    LONG_AGENTS,
    await makeWorkflow(
      ws.id,
      Array.from({ length: LONG_AGENTS }, (_, i) => ({
        role: `agent-${i + 1}`,
        systemPrompt: `You are agent ${i + 1}.`,
      })),
    ),
    Math.max(1, Math.floor(RUNS / 3)),
  );
  const perStep = ten.perStep;
  await driver.stop();
  if (!process.env.BENCH_KEEP) {
    await db.workspace.deleteMany({ where: { id: { in: [ws.id, ...loadWorkspaces.map((w) => w.id)] } } });
  }

  perStep.sort((a, b) => a - b);
  const mean = perStep.reduce((a, b) => a + b, 0) / perStep.length;
  const median = perStep[Math.floor(perStep.length / 2)]!;
  const [load1] = loadavg();
  console.log(
    `load: ${LOAD_RUNS} runs of ${LOAD_AGENTS} agents with ${LOAD_CALL_MS} ms model calls took ${loaded.wall.toFixed(1)} s against an ideal of ${loaded.ideal} s (${(loaded.wall / loaded.ideal).toFixed(2)}×, target ≤ 1.3×); at most ${loaded.most} runs in flight`,
  );
  const idealMs = loaded.ideal * 1000;
  console.log(
    `load, per run (requested → finished): ${medianP95(loaded.latency)} against ${loaded.ideal} s of model time ` +
      `(median ${(percentile(loaded.latency, 50) / idealMs).toFixed(2)}×, target ≤ 1.15×); start lag ${medianP95(loaded.startLag)}`,
  );
  console.log(
    `engine time per step: ${mean.toFixed(2)} ms mean, ${median.toFixed(2)} ms median over ${perStep.length} runs of ${AGENTS} agents (target ≤ 5 ms; load average ${load1!.toFixed(1)} on ${cpus().length} cores)`,
  );
  console.log(
    `engine time per step, ${LONG_AGENTS}-agent runs: ${percentile(long.perStep, 50).toFixed(2)} ms median over ${long.perStep.length} runs (flat in the steps would be the same as above)`,
  );
  console.log(
    `start lag on the idle engine (requested → first step started): ${medianP95([...ten.startLag, ...long.startLag], "ms")} (target ≤ 100 ms)`,
  );
  console.log(`RSS: ${rssBefore.toFixed(0)} MB before the load, ${rssAfter.toFixed(0)} MB after`);
  console.log(
    JSON.stringify({
      benchmark: "engine",
      loadRuns: LOAD_RUNS,
      loadWallS: +loaded.wall.toFixed(2),
      loadIdealS: loaded.ideal,
      mostInFlight: loaded.most,
      msPerStepMean: +mean.toFixed(3),
      msPerStepMedian: +median.toFixed(3),
      msPerStepMedianLong: +percentile(long.perStep, 50).toFixed(3),
      longAgents: LONG_AGENTS,
      loadLatencyMsMedian: Math.round(percentile(loaded.latency, 50)),
      loadLatencyMsP95: Math.round(percentile(loaded.latency, 95)),
      loadStartLagMsMedian: Math.round(percentile(loaded.startLag, 50)),
      loadStartLagMsP95: Math.round(percentile(loaded.startLag, 95)),
      idleStartLagMsMedian: Math.round(percentile([...ten.startLag, ...long.startLag], 50)),
      runs: perStep.length,
      agents: AGENTS,
      rssMbBefore: +rssBefore.toFixed(1),
      rssMbAfter: +rssAfter.toFixed(1),
    }),
  );
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
