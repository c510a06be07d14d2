import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as forget, GET as listMemories } from "@/app/api/v1/memories/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createOk } from "./helpers";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";

let a: TestUser;
let b: TestUser;
let driver: Driver;

beforeAll(async () => {
  [a, b] = await Promise.all([makeUser("memory-a"), makeUser("memory-b")]);
  driver = await startDriver({
    functions: runCrew,
    workspaces: [a.workspaceId, b.workspaceId],
    config: { pollMs: 50 },
  });
});

afterAll(async () => {
  await driver.stop();
});

/** A one-node graph that reads memory. */
function readerGraph() {
  return {
    name: "Reader",
    graph: {
      start: "read",
      nodes: [{ id: "read", role: "reader", systemPrompt: "Plan the trip.", memory: "read" }],
      edges: [{ from: "read", to: "END" }],
    },
  };
}

/** A graph whose one node recalls and writes: its typed `remember` field is the fact stored. */
function memoryGraph(reply: string) {
  return {
    name: "Concierge",
    graph: {
      start: "assist",
      nodes: [
        {
          id: "assist",
          role: "assistant",
          systemPrompt: `Help the user. [[simulate:reply:${reply}]]`,
          memory: "read-write",
        },
      ],
      edges: [{ from: "assist", to: "END" }],
    },
  };
}

async function run(u: TestUser, workflowId: string, body: Record<string, unknown>) {
  const res = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, body),
    { id: workflowId },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.id as string;
  for (let i = 0; i < 600; i++) {
    const r = await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: u.token }), { id });
    if (["completed", "failed", "cancelled"].includes(r.body.status)) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("run did not finish");
}

async function stepSystem(runId: string) {
  const step = await db.step.findFirstOrThrow({ where: { runId } });
  return (step.input as { system: string }).system;
}

describe("memory", () => {
  it("a second run for the same userId recalls what the first stored; another user's and workspace's never", async () => {
    const wf = await createOk(a, memoryGraph("Noted: the user prefers vegetarian restaurants near Lisbon."));
    const first = await run(a, wf, { input: "Find me a restaurant in Lisbon.", userId: "user-1" });
    expect(first.status).toBe("completed");
    expect(await stepSystem(first.id)).not.toContain("What you remember");

    const second = await run(a, wf, { input: "Any restaurant in Lisbon for tonight?", userId: "user-1" });
    const recalled = await stepSystem(second.id);
    expect(recalled).toContain("## What you remember about this user");
    expect(recalled).toContain("vegetarian restaurants near Lisbon");

    // Another user of the same workspace recalls nothing of user-1's.
    const other = await run(a, wf, { input: "A restaurant in Lisbon?", userId: "user-2" });
    expect(await stepSystem(other.id)).not.toContain("What you remember");
    // Without a userId nothing is recalled or stored.
    const anonymous = await run(a, wf, { input: "Lisbon restaurant please" });
    expect(await stepSystem(anonymous.id)).not.toContain("What you remember");
    expect(await db.memory.count({ where: { runId: anonymous.id } })).toBe(0);

    // Workspace B, same userId: nothing of A's.
    const wfB = await createOk(b, memoryGraph("ok"));
    const inB = await run(b, wfB, { input: "Restaurant in Lisbon?", userId: "user-1" });
    expect(await stepSystem(inB.id)).not.toContain("vegetarian");
    const listB = await call(listMemories, apiRequest("GET", "/api/v1/memories?userId=user-1", { token: b.token }));
    expect(listB.body.data.map((m: { content: string }) => m.content)).toEqual(["ok"]);
  });

  it("a typed remember field is stored as a fact; search ranks, and forgetting a user deletes only theirs", async () => {
    const wf = await createOk(a, {
      name: "Profile",
      graph: {
        start: "learn",
        nodes: [
          {
            id: "learn",
            role: "profiler",
            systemPrompt: "Learn about the user.",
            memory: "write",
            output: { remember: "str" },
          },
        ],
        edges: [{ from: "learn", to: "END" }],
      },
    });
    const done = await run(a, wf, { input: "I am allergic to peanuts.", userId: "user-3", sessionId: "s1" });
    expect(done.status).toBe("completed");
    const rows = await db.memory.findMany({ where: { runId: done.id } });
    expect(rows.map((r) => [r.kind, r.userId, r.sessionId])).toEqual([["fact", "user-3", "s1"]]);

    const all = await call(listMemories, apiRequest("GET", "/api/v1/memories?userId=user-1", { token: a.token }));
    expect(all.status).toBe(200);
    expect(all.body.data.length).toBeGreaterThan(0);
    const hit = await call(
      listMemories,
      apiRequest("GET", "/api/v1/memories?userId=user-1&q=vegetarian", { token: a.token }),
    );
    expect(hit.body.data[0].content).toContain("vegetarian");
    const miss = await call(
      listMemories,
      apiRequest("GET", "/api/v1/memories?userId=user-1&q=peanuts", { token: a.token }),
    );
    expect(miss.body.data).toEqual([]);

    const gone = await call(forget, apiRequest("DELETE", "/api/v1/memories?userId=user-1", { token: a.token }));
    expect(gone.status).toBe(200);
    expect(gone.body.deleted).toBeGreaterThan(0);
    expect(await db.memory.count({ where: { workspaceId: a.workspaceId, userId: "user-1" } })).toBe(0);
    expect(await db.memory.count({ where: { workspaceId: a.workspaceId, userId: "user-3" } })).toBe(1);
    expect(await db.memory.count({ where: { workspaceId: b.workspaceId, userId: "user-1" } })).toBe(1);
  });

  it("a node that writes memory has a remember tool: its facts are stored for the run's user only", async () => {
    const rememberGraph = (fact: string, memory = "write") => ({
      name: `Remembers ${memory}`,
      graph: {
        start: "note",
        nodes: [
          {
            id: "note",
            role: "note taker",
            systemPrompt: `Note what matters. [[simulate:tool:remember:{"fact":"${fact}"}]]`,
            memory,
          },
        ],
        edges: [{ from: "note", to: "END" }],
      },
    });
    const wf = await createOk(a, rememberGraph("The user travels with a cello."));
    const done = await run(a, wf, { input: "Book my flight.", userId: "user-tool", sessionId: "trip" });
    expect(done.status).toBe("completed");
    const calls = await db.toolCall.findMany({ where: { step: { runId: done.id } } });
    expect(calls.map((c) => [c.name, c.result, c.error])).toEqual([["remember", "Remembered.", null]]);
    const facts = await db.memory.findMany({ where: { runId: done.id, kind: "fact" } });
    expect(facts.map((m) => [m.userId, m.sessionId, m.content, m.workspaceId])).toEqual([
      ["user-tool", "trip", "The user travels with a cello.", a.workspaceId],
    ]);
    // The recall of the same user finds it; another user and another workspace do not.
    const reader = await createOk(a, readerGraph());
    const same = await run(a, reader, { input: "Pack the cello case?", userId: "user-tool" });
    expect(await stepSystem(same.id)).toContain("travels with a cello");
    const other = await run(a, reader, { input: "Pack the cello case?", userId: "user-other" });
    expect(await stepSystem(other.id)).not.toContain("cello");
    const wfB = await createOk(b, { ...readerGraph(), name: "Reader B" });
    const inB = await run(b, wfB, { input: "Pack the cello case?", userId: "user-tool" });
    expect(await stepSystem(inB.id)).not.toContain("cello");

    // A run for no user is told so, and stores nothing.
    const anonymous = await run(a, wf, { input: "Book my flight." });
    const refused = await db.toolCall.findFirstOrThrow({ where: { step: { runId: anonymous.id } } });
    expect(refused.error).toMatch(/no userId/);
    expect(await db.memory.count({ where: { runId: anonymous.id } })).toBe(0);

    // A node that only reads memory is not offered the tool.
    const readOnly = await createOk(a, rememberGraph("Never stored.", "read"));
    const plain = await run(a, readOnly, { input: "Hello", userId: "user-tool" });
    expect(await db.toolCall.count({ where: { step: { runId: plain.id } } })).toBe(0);
    expect(await db.memory.count({ where: { content: "Never stored." } })).toBe(0);
  });

  it("names a missing userId and refuses a bad memory mode", async () => {
    const res = await call(listMemories, apiRequest("GET", "/api/v1/memories", { token: a.token }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("userId");
    const bad = memoryGraph("x");
    (bad.graph.nodes[0] as { memory: string }).memory = "forever";
    const { create } = await import("./helpers");
    const refused = await create(a, bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].field).toBe("graph.nodes.0.memory");
  });
});
