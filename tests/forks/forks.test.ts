import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as compare } from "@/app/api/v1/runs/[id]/compare/[otherId]/route";
import { POST as fork } from "@/app/api/v1/runs/[id]/fork/route";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { makeEventType } from "../events/helpers";
import { createOk, triage } from "../graph/helpers";
import { finished, reviewed, runWhen, startRun, waitingAt } from "../approvals/helpers";

let user: TestUser;
let other: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("forker");
  other = await makeUser("fork-stranger");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

function forkAs(u: TestUser, runId: string, body: unknown) {
  return call(fork, apiRequest("POST", `/api/v1/runs/${runId}/fork`, { token: u.token }, body), { id: runId });
}

function compareAs(u: TestUser, a: string, b: string) {
  return call(compare, apiRequest("GET", `/api/v1/runs/${a}/compare/${b}`, { token: u.token }), { id: a, otherId: b });
}

function forksOf(u: TestUser, runId: string) {
  return call(listRuns, apiRequest("GET", `/api/v1/runs?forkedFrom=${runId}`, { token: u.token }));
}

async function replaceGraph(u: TestUser, workflowId: string, graph: unknown) {
  const res = await call(
    putGraph,
    apiRequest("PUT", `/api/v1/workflows/${workflowId}/graph`, { token: u.token }, { graph }),
    { id: workflowId },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** planner → writer → editor: a chain graph. */
const chain = {
  name: "Chain to fork",
  model: "claude-sonnet-4-6",
  graph: {
    start: "plan",
    nodes: [
      { id: "plan", role: "planner", systemPrompt: "Plan it." },
      { id: "write", role: "writer", systemPrompt: "Write it." },
      { id: "edit", role: "editor", systemPrompt: "Edit it." },
    ],
    edges: [
      { from: "plan", to: "write" },
      { from: "write", to: "edit" },
      { from: "edit", to: "END" },
    ],
  },
};

describe("forking a run", () => {
  it("reuses the steps before fromStep, runs on with the override, bills only its own steps, and compares", async () => {
    const originalId = await startRun(user, await createOk(user, chain));
    const original = await runWhen(user, originalId, finished);
    expect(original.status).toBe("completed");

    const res = await forkAs(user, originalId, {
      fromStep: 1,
      overrides: { nodes: { write: { model: "claude-haiku-4-5" } } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ forkedFrom: originalId, forkedAtStep: 1, status: "queued" });
    const forked = await runWhen(user, res.body.id, finished);
    expect(forked.status).toBe("completed");
    expect(forked.visited).toEqual(["plan", "write", "edit"]);
    const [plan, write] = forked.steps;
    expect(plan).toMatchObject({
      reused: true,
      output: original.steps[0].output,
      attempts: original.steps[0].attempts,
    });
    expect(write).toMatchObject({ reused: false, model: "claude-haiku-4-5" });
    expect(write.output).not.toBe(original.steps[1].output);
    // The reused step is shown with its tokens, and counted in the original only.
    expect(plan.inputTokens).toBe(original.steps[0].inputTokens);
    expect(forked.totals.inputTokens).toBe(forked.steps[1].inputTokens + forked.steps[2].inputTokens);
    expect(forked.totals.billedSteps).toBe(2);
    expect((await db.usageEvent.findFirstOrThrow({ where: { runId: forked.id } })).steps).toBe(2);

    const cmp = await compareAs(user, originalId, forked.id);
    expect(cmp.status).toBe(200);
    expect(cmp.body.divergedAtStep).toBe(1);
    expect(cmp.body.sameInput).toBe(true);
    expect(cmp.body.steps[0]).toMatchObject({ index: 0, same: true, differences: [] });
    expect(cmp.body.steps[0].b.reused).toBe(true);
    expect(cmp.body.steps[1].differences).toEqual(expect.arrayContaining(["output", "model"]));
    // The writer was sent the same input (only its model changed); the editor got the new draft.
    expect(cmp.body.steps[1].inputDifferences).toEqual([]);
    expect(cmp.body.steps[1].differences).not.toContain("input");
    expect(cmp.body.steps[2]).toMatchObject({ inputDifferences: ["messages"] });
    expect(cmp.body.steps[2].differences).toContain("input");
    expect(cmp.body.steps[2].a.id).toBe(original.steps[2].id);
  });

  it("forks a failed run from its failing step with a changed prompt, and it completes", async () => {
    const failedId = await startRun(user, await createOk(user, triage("Reply. [[simulate:reply:sales]]")));
    const failed = await runWhen(user, failedId, finished);
    expect(failed.errorCode).toBe("no_matching_edge");
    const res = await forkAs(user, failedId, {
      fromStep: 0,
      input: "My card was charged twice.",
      overrides: { nodes: { classify: { systemPrompt: "Reply. [[simulate:reply:billing]]" } } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await runWhen(user, res.body.id, finished);
    expect(done.status).toBe("completed");
    expect(done.visited).toEqual(["classify", "billing"]);
    expect(done.input).toBe("My card was charged twice.");
    const cmp = await compareAs(user, failedId, done.id);
    expect(cmp.body).toMatchObject({ divergedAtStep: 0, sameInput: false });
    expect(cmp.body.steps[0]).toMatchObject({ inputDifferences: ["system", "messages"] });
    expect(cmp.body.steps[1]).toMatchObject({ a: null, same: false });
  });

  it("a reused step that emits does not emit again in the fork", async () => {
    await makeEventType(user, "PlanReady", { summary: "str" });
    const emitting = structuredClone(chain);
    Object.assign(emitting.graph.nodes[0]!, { output: { summary: "str" }, emits: "PlanReady" });
    const originalId = await startRun(user, await createOk(user, emitting));
    expect((await runWhen(user, originalId, finished)).status).toBe("completed");
    expect(await db.event.count({ where: { sourceRunId: originalId, name: "PlanReady" } })).toBe(1);
    const res = await forkAs(user, originalId, { fromStep: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect((await runWhen(user, res.body.id, finished)).status).toBe("completed");
    expect(await db.event.count({ where: { sourceRunId: res.body.id } })).toBe(0);
  });

  it("forks a crew run: the agents before fromStep are reused", async () => {
    const crew = {
      name: "Crew to fork",
      model: "claude-sonnet-4-6",
      crew: [
        { role: "planner", systemPrompt: "Plan it." },
        { role: "writer", systemPrompt: "Write it." },
      ],
    };
    const originalId = await startRun(user, await createOk(user, crew));
    const original = await runWhen(user, originalId, finished);
    const res = await forkAs(user, originalId, { fromStep: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await runWhen(user, res.body.id, finished);
    expect(done.status).toBe("completed");
    expect(done.steps.map((s: { reused: boolean }) => s.reused)).toEqual([true, false]);
    expect(done.steps[0].output).toBe(original.steps[0].output);
    expect(done.visited).toEqual(["agent-1", "agent-2"]);
  });

  it('forks onto the current version with version: "current" when the reused steps still fit it', async () => {
    const workflowId = await createOk(user, chain);
    const originalId = await startRun(user, workflowId);
    const original = await runWhen(user, originalId, finished);
    expect(original.version).toBe(1);

    // v2 changes only the editor, after the steps a fork from step 2 reuses.
    const v2 = structuredClone(chain.graph);
    v2.nodes[2]!.systemPrompt = "Edit it, shorter.";
    await replaceGraph(user, workflowId, v2);
    const same = await forkAs(user, originalId, { fromStep: 2 });
    expect(same.status).toBe(202);
    expect(same.body.version).toBe(1);
    const res = await forkAs(user, originalId, { fromStep: 2, version: "current" });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.version).toBe(2);
    const done = await runWhen(user, res.body.id, finished);
    expect(done.status).toBe("completed");
    expect(done.visited).toEqual(["plan", "write", "edit"]);
    expect(done.steps.map((s: { reused: boolean }) => s.reused)).toEqual([true, true, false]);
    expect(done.steps[1].output).toBe(original.steps[1].output);

    // v3 changes the writer: its step cannot be reused on v3, the planner's still can.
    const v3 = structuredClone(v2);
    v3.nodes[1]!.systemPrompt = "Write it twice.";
    await replaceGraph(user, workflowId, v3);
    const changed = await forkAs(user, originalId, { fromStep: 2, version: "current" });
    expect(changed.status).toBe(400);
    expect(changed.body.error.details).toEqual([
      { field: "version", message: expect.stringContaining('node "write" (step 1) changed') },
    ]);
    const before = await forkAs(user, originalId, { fromStep: 1, version: "current" });
    expect(before.status, JSON.stringify(before.body)).toBe(202);
    expect(before.body.version).toBe(3);
    expect((await runWhen(user, before.body.id, finished)).status).toBe("completed");

    // v4 routes the planner straight to the editor: the writer's step is no longer on the path.
    await replaceGraph(user, workflowId, {
      ...v3,
      nodes: [v3.nodes[0], v3.nodes[2]],
      edges: [
        { from: "plan", to: "edit" },
        { from: "edit", to: "END" },
      ],
    });
    const gone = await forkAs(user, originalId, { fromStep: 2, version: "current" });
    expect(gone.status).toBe(400);
    expect(JSON.stringify(gone.body.error)).toContain('no node \\"write\\"');
    expect((await forkAs(user, originalId, { fromStep: 0, version: "nope" })).status).toBe(400);

    // The original lists its forks, newest first; another workspace sees none of them.
    const listed = await forksOf(user, originalId);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([before.body.id, res.body.id, same.body.id]);
    expect(listed.body.data[0]).toMatchObject({ forkedFrom: originalId, forkedAtStep: 1 });
    expect((await forksOf(other, originalId)).body.data).toEqual([]);
  });

  it("refuses what cannot be forked, naming the field; another workspace's run is 404", async () => {
    const originalId = await startRun(user, await createOk(user, chain));
    await runWhen(user, originalId, finished);
    const past = await forkAs(user, originalId, { fromStep: 3 });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body.error)).toContain("fromStep");
    const unknown = await forkAs(user, originalId, {
      fromStep: 1,
      overrides: { nodes: { nope: { model: "claude-haiku-4-5" } } },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error)).toContain("overrides.nodes.nope");
    const long = await forkAs(user, originalId, { fromStep: 1, input: "x".repeat(100_001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.error)).toContain("input");
    const empty = await forkAs(user, originalId, { fromStep: 1, overrides: { nodes: { write: {} } } });
    expect(empty.status).toBe(400);
    const template = await forkAs(user, originalId, {
      fromStep: 1,
      overrides: { nodes: { plan: { systemPrompt: "Use {{ edit.output }}" } } },
    });
    expect(template.status).toBe(400);
    expect(JSON.stringify(template.body.error)).toContain("overrides.nodes.0.systemPrompt");

    const waitingId = await startRun(user, await createOk(user, reviewed()));
    await waitingAt(user, waitingId);
    expect((await forkAs(user, waitingId, { fromStep: 0 })).status).toBe(409);
    const across = await compareAs(user, originalId, waitingId);
    expect(across.status).toBe(400);

    expect((await forkAs(other, originalId, { fromStep: 0 })).status).toBe(404);
    expect((await compareAs(other, originalId, originalId)).status).toBe(404);
    expect((await compareAs(user, originalId, "nope")).status).toBe(404);
  });
});
