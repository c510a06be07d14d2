/**
 * Prints the bytes of GET /api/v1/runs/{id} for a finished 10-agent run with a
 * 4 kB input and 4 kB outputs (the local provider answers 4096 characters
 * under [[simulate:chars:4096]]), with and without ?include=inputs, against
 * the target for the response without inputs: ≤ 1.5 × (input + sum of
 * outputs) + 1 kB per step. Run through `npm run bench:payload` (starts the
 * database first).
 */
import { runCrew } from "../inngest/functions/run-crew";
import { db } from "../lib/db/client";
import { scopeFor } from "../lib/db/tenant";
import { startDriver } from "../lib/engine/driver";
import { RUN_REQUESTED } from "../lib/engine/events";
import { sendEvent } from "../lib/engine/send-event";
import { getRun } from "../lib/runs/get-run";
import { crewRecipe } from "../lib/runs/transcript";

const AGENTS = 10;
const CHARS = 4096;

async function waitDone(runId: string) {
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
    if (run.status === "completed" || run.status === "failed") return run.status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Bytes of the response body: the route answers JSON.stringify of getRun. */
const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

async function main() {
  const slug = `bench-payload-${Date.now().toString(36)}`;
  const ws = await db.workspace.create({ data: { name: slug, slug, plan: "team" } });
  const wf = await db.workflow.create({ data: { workspaceId: ws.id, name: "bench", model: "claude-sonnet-4-6" } });
  const crew = Array.from({ length: AGENTS }, (_, i) => ({
    role: `agent-${i + 1}`,
    systemPrompt: `You are agent ${i + 1}. [[simulate:chars:${CHARS}]]`,
  }));
  const version = await db.workflowVersion.create({
    data: { workspaceId: ws.id, workflowId: wf.id, version: 1, crew },
  });
  const input = "Review this specification and report what it gets wrong. ".repeat(80).slice(0, CHARS);
  const run = await db.run.create({
    data: {
      workspaceId: ws.id,
      workflowId: wf.id,
      workflowVersionId: version.id,
      input,
      stepCount: AGENTS,
      steps: {
        create: crew.map((agent, index) => ({
          workspaceId: ws.id,
          index,
          role: agent.role,
          model: "claude-sonnet-4-6",
          input: { ...crewRecipe(agent.systemPrompt, index) },
        })),
      },
    },
  });

  const driver = await startDriver({ functions: runCrew, workspaces: [ws.id], config: { pollMs: 100 } });
  await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId: ws.id } });
  const status = await waitDone(run.id);
  await driver.stop();
  if (status !== "completed") throw new Error(`bench run ${run.id} ${status}`);

  const scope = scopeFor(ws.id);
  const plain = await getRun(scope, run.id);
  const withInputs = await getRun(scope, run.id, { includeInputs: true });
  const content = input.length + plain.steps.reduce((n, s) => n + (s.output?.length ?? 0), 0);
  const target = 1.5 * content + 1024 * AGENTS;
  const without = bytes(plain);
  const full = bytes(withInputs);
  if (!process.env.BENCH_KEEP) await db.workspace.delete({ where: { id: ws.id } });

  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `GET /api/v1/runs/{id}, ${AGENTS} agents, ${kb(input.length)} input, ${kb(CHARS)} outputs: ` +
      `${kb(without)} without inputs (target ≤ ${kb(target)}: ${without <= target ? "met" : "NOT met"}), ` +
      `${kb(full)} with ?include=inputs`,
  );
  console.log(
    JSON.stringify({
      benchmark: "payload",
      agents: AGENTS,
      contentBytes: content,
      bytesWithoutInputs: without,
      bytesWithInputs: full,
      targetBytes: target,
      met: without <= target,
    }),
  );
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
