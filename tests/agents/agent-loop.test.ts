import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentReflect } from "@/inngest/functions/agent-reflect";
import { agentTick } from "@/inngest/functions/agent-tick";
import { runCrew } from "@/inngest/functions/run-crew";
import { POST as start } from "@/app/api/v1/agents/[id]/start/route";
import { GET as reflections } from "@/app/api/v1/agents/[id]/reflections/route";
import { GET as getAgent } from "@/app/api/v1/agents/[id]/route";
import { GET as logs } from "@/app/api/v1/agents/[id]/logs/route";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { waitFor } from "../support/runs";
import { agentBody, makeAgent, makeWorkflow } from "./helpers";

const CREW = [
  { role: "planner", systemPrompt: "You are the planner. Break the request into ordered steps." },
  { role: "writer", systemPrompt: "You are the writer. Produce the final document." },
];

let users: TestUser[] = [];
let driver: Driver;

beforeAll(async () => {
  users = await Promise.all([makeUser("loop-modify"), makeUser("loop-fail"), makeUser("loop-two")]);
  driver = await startDriver({
    functions: [...runCrew, ...agentTick, ...agentReflect],
    workspaces: users.map((u) => u.workspaceId),
    config: { pollMs: 50, retryBaseMs: 10 },
  });
});

afterAll(async () => {
  await driver?.stop();
});

async function startNow(u: TestUser, agentId: string) {
  const res = await call(start, apiRequest("POST", `/api/v1/agents/${agentId}/start`, { token: u.token }), {
    id: agentId,
  });
  expect(res.status).toBe(202);
  return res.body.tick.id as string;
}

async function reflectionsOf(u: TestUser, agentId: string) {
  const res = await call(reflections, apiRequest("GET", `/api/v1/agents/${agentId}/reflections`, { token: u.token }), {
    id: agentId,
  });
  return res.body.data as { verdict: string; tickId: string; to: { version: number } | null; reason: string }[];
}

async function settledAgent(u: TestUser, agentId: string) {
  return waitFor(async () => {
    const res = await call(getAgent, apiRequest("GET", `/api/v1/agents/${agentId}`, { token: u.token }), {
      id: agentId,
    });
    return res.body.status !== "running" ? res.body : null;
  });
}

describe("agent loop on the in-process engine", () => {
  it("runs its workflow, reflects modify, and the next tick runs the new version", async () => {
    const u = users[0]!;
    const wf = await makeWorkflow(u, "Digest", CREW);
    const agent = await makeAgent(u, agentBody([wf.id], { goal: "Publish a reviewed digest. [[reflect:modify]]" }));

    const tick1 = await startNow(u, agent.id);
    await waitFor(async () => (await reflectionsOf(u, agent.id)).length === 1);
    const after1 = await settledAgent(u, agent.id);
    expect(after1.status).toBe("idle");
    expect(after1.lastRunAt).not.toBeNull();
    const [first] = await reflectionsOf(u, agent.id);
    expect(first).toMatchObject({ verdict: "modify", tickId: tick1, to: { version: 2 } });
    const run1 = await db.run.findFirstOrThrow({ where: { agentTickId: tick1 }, include: { workflowVersion: true } });
    expect(run1).toMatchObject({
      triggeredBy: "agent",
      agentId: agent.id,
      status: "completed",
      input: expect.stringContaining("Publish a reviewed digest"),
    });
    expect(run1.workflowVersion.version).toBe(1);
    expect((await db.agentTick.findUniqueOrThrow({ where: { id: tick1 } })).status).toBe("completed");

    const tick2 = await startNow(u, agent.id);
    await waitFor(async () => (await reflectionsOf(u, agent.id)).length === 2);
    await settledAgent(u, agent.id);
    const run2 = await db.run.findFirstOrThrow({
      where: { agentTickId: tick2 },
      include: { workflowVersion: true, steps: { orderBy: { index: "asc" } } },
    });
    expect(run2.workflowVersion.version).toBe(2);
    expect(run2.steps.map((s) => s.role)).toEqual(["planner", "writer", "reviewer"]);
    const [second] = await reflectionsOf(u, agent.id);
    expect(second).toMatchObject({ verdict: "ok", tickId: tick2 });

    const log = await call(logs, apiRequest("GET", `/api/v1/agents/${agent.id}/logs`, { token: u.token }), {
      id: agent.id,
    });
    const messages = log.body.data.map((l: { message: string }) => l.message).join("\n");
    expect(messages).toMatch(/Started by hand/);
    expect(messages).toMatch(/Reflection: modify/);
    expect(messages).toMatch(/Tick finished: 1 of 1 run\(s\) completed/);
  });

  it("marks the agent failed on a fail verdict", async () => {
    const u = users[1]!;
    const wf = await makeWorkflow(u, "Digest", CREW);
    const agent = await makeAgent(u, agentBody([wf.id], { goal: "Reach an API we have no key for. [[reflect:fail]]" }));
    const tick = await startNow(u, agent.id);
    const settled = await settledAgent(u, agent.id);
    expect(settled.status).toBe("failed");
    const [r] = await reflectionsOf(u, agent.id);
    expect(r).toMatchObject({ verdict: "fail", tickId: tick });
    // The agent is marked failed as the verdict is applied; its tick is finished by the step after.
    const settledTick = await waitFor(async () => {
      const row = await db.agentTick.findUniqueOrThrow({ where: { id: tick } });
      return row.finishedAt ? row : null;
    });
    expect(settledTick.status).toBe("failed");
  });

  it("reflects once per workflow after all of a tick's runs have ended", async () => {
    const u = users[2]!;
    const a = await makeWorkflow(u, "A", CREW);
    const b = await makeWorkflow(u, "B", [{ role: "writer", systemPrompt: "You are the writer." }]);
    const agent = await makeAgent(u, agentBody([a.id, b.id], { goal: "Two workflows, one tick. [[reflect:none]]" }));
    const tick = await startNow(u, agent.id);
    await settledAgent(u, agent.id);
    const rows = await reflectionsOf(u, agent.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.verdict === "ok" && r.tickId === tick)).toBe(true);
    const runs = await db.run.findMany({ where: { agentTickId: tick } });
    expect(runs.map((r) => r.workflowId).sort()).toEqual([a.id, b.id].sort());
  });
});
