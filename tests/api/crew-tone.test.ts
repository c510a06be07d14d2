import { beforeAll, describe, expect, it } from "vitest";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { GET as getCrew, PUT as putCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { toneInstruction } from "@/lib/graph/tone";
import { replaceCrew } from "@/lib/workflows/replace-crew";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

let u: TestUser;
let other: TestUser;

beforeAll(async () => {
  [u, other] = await Promise.all([makeUser("crew-tone"), makeUser("crew-tone-other")]);
});

const crew = [
  { role: "planner", systemPrompt: "Plan the answer." },
  { role: "writer", systemPrompt: "Write the answer.", responseTone: "friendly" },
];

async function read(id: string, as: TestUser = u) {
  return call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${id}`, { token: as.token }), { id });
}

async function put(id: string, body: Record<string, unknown>, as: TestUser = u) {
  return call(putCrew, apiRequest("PUT", `/api/v1/workflows/${id}/crew`, { token: as.token }, body), { id });
}

async function stepPrompts(workflowId: string) {
  const res = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, { input: "Hello" }),
    { id: workflowId },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const steps = await db.step.findMany({ where: { runId: res.body.id }, orderBy: { index: "asc" } });
  return steps.map((s) => (s.input as { system: string }).system);
}

describe("a crew's response tone", () => {
  it("is inherited by agents without their own, shown in the crew and its graph, and said in each step's prompt", async () => {
    const made = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "Toned", crew, responseTone: "executive" }),
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    const wf = await read(id);
    expect(wf.body.graph.responseTone).toBe("executive");
    expect(wf.body.crew.map((a: { responseTone?: string }) => a.responseTone)).toEqual([undefined, "friendly"]);
    expect(wf.body.graph.nodes[1].responseTone).toBe("friendly");
    const got = await call(getCrew, apiRequest("GET", `/api/v1/workflows/${id}/crew`, { token: u.token }), { id });
    expect(got.body.responseTone).toBe("executive");

    const [planner, writer] = await stepPrompts(id);
    expect(planner).toContain(toneInstruction("executive"));
    expect(writer).toContain(toneInstruction("friendly"));
    expect(writer).not.toContain(toneInstruction("executive"));

    // A tone-only change is a new version; the same crew and tone again changes nothing.
    const changed = await put(id, { crew, responseTone: "a pirate, briefly" });
    expect([changed.status, changed.body.created, changed.body.responseTone]).toEqual([200, true, "a pirate, briefly"]);
    expect((await put(id, { crew, responseTone: "a pirate, briefly" })).body.created).toBe(false);
    expect((await stepPrompts(id))[0]).toContain("Write in this tone: a pirate, briefly");

    // A change that does not name a tone (a reflection's or Loopi's patch) keeps the crew's.
    await replaceCrew(scopeFor(u.workspaceId), {
      workflowId: id,
      crew: [crew[0]!],
      audit: { actor: { type: "reflection", id: null } },
    });
    expect((await read(id)).body.graph.responseTone).toBe("a pirate, briefly");
    // A PUT without one clears it.
    const cleared = await put(id, { crew });
    expect(cleared.body.responseTone).toBeNull();
    expect((await stepPrompts(id))[0]).toBe("Plan the answer.");
  });

  it("is refused on a graph (which has graph.responseTone) and past its size, naming the field; another workspace's crew is 404", async () => {
    const graph = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        {
          name: "Graph",
          responseTone: "formal",
          graph: { start: "a", nodes: [{ id: "a", role: "r", systemPrompt: "x" }], edges: [{ from: "a", to: "END" }] },
        },
      ),
    );
    expect(graph.status).toBe(400);
    expect(graph.body.error.details[0].field).toBe("responseTone");
    const long = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        { name: "Long", crew, responseTone: "x".repeat(301) },
      ),
    );
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].field).toBe("responseTone");
    const agentTone = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        { name: "Agent", crew: [{ ...crew[0], responseTone: " " }] },
      ),
    );
    expect(agentTone.body.error.details[0].field).toBe("crew.0.responseTone");

    const mine = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "Mine", crew, responseTone: "concise" }),
    );
    const foreign = await put(mine.body.id, { crew, responseTone: "formal" }, other);
    expect(foreign.status).toBe(404);
    expect((await read(mine.body.id)).body.graph.responseTone).toBe("concise");
  });
});
