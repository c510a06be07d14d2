import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { executeStep } from "@/lib/execution/execute-step";
import { finishRun } from "@/lib/runs/finish-run";
import { runResponseSchema } from "@/lib/runs/response-schemas";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { create, createOk } from "../graph/helpers";
import { makeRun, makeWorkspace, THREE_AGENTS } from "../support/runs";

let user: TestUser;
let other: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("budgets");
  other = await makeUser("budgets-other");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

type Node = { id: string; systemPrompt?: string; budget?: object };

/** A chain of graph nodes a → b → … → END, with optional budgets. */
function chain(nodes: Node[], budget?: object) {
  return {
    name: "Budgeted chain",
    model: "claude-sonnet-4-6",
    graph: {
      start: nodes[0]!.id,
      nodes: nodes.map((n) => ({ role: n.id, systemPrompt: "Write two paragraphs.", ...n })),
      edges: nodes.map((n, i) => ({ from: n.id, to: nodes[i + 1]?.id ?? "END" })),
      ...(budget ? { budget } : {}),
    },
  };
}

function crew(agents: string[]) {
  return {
    name: "Budgeted crew",
    model: "claude-sonnet-4-6",
    crew: agents.map((systemPrompt, i) => ({ role: `agent ${i + 1}`, systemPrompt })),
  };
}

function startRun(u: TestUser, workflowId: string, body: object) {
  return call(createRun, apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, body), {
    id: workflowId,
  });
}

async function runToEnd(workflowId: string, budget?: object) {
  const res = await startRun(user, workflowId, { input: "Tell me about tea.", ...(budget ? { budget } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.id as string;
  for (let i = 0; i < 600; i++) {
    const run = await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: user.token }), { id });
    if (["completed", "failed", "cancelled"].includes(run.body.status)) return runResponseSchema.parse(run.body);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

const TINY_USD = 0.000001;
/**
 * 0.01 minutes is 600 ms: a step told to take a second always crosses it. (A
 * loaded machine only makes the run slower, so these tests assert that the
 * limit trips and the later step never runs, not when exactly it tripped.)
 */
const TINY_MINUTES = 0.01;
const SLOW = "Write two paragraphs. [[simulate:slow:1000]]";

describe("run request budgets", () => {
  it("spend: a tiny limit stops a graph run after its first step, naming the run's budget", async () => {
    const id = await createOk(user, chain([{ id: "a" }, { id: "b" }, { id: "c" }]));
    const run = await runToEnd(id, { spend: { usd: TINY_USD } });
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("budget_exceeded");
    expect(run.error).toMatch(/^Budget exceeded: run spend\.usd limit 0\.000001, reached 0\.\d+$/);
    const reached = Number(/reached (\S+)$/.exec(run.error!)![1]);
    expect(reached).toBeCloseTo(run.steps[0]!.costUsd, 6);
    expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["a", "completed"],
      ["b", "cancelled"],
    ]);
    expect(run.steps[1]!.error).toBe("Not run: the run's budget was exceeded");
    expect(run.budget).toEqual({
      limits: [
        {
          source: "run",
          nodeId: null,
          wallClockMinutes: null,
          wallClockIncludesWaiting: false,
          spendUsd: TINY_USD,
          usedUsd: run.costUsd,
        },
      ],
      usedMinutes: expect.any(Number),
      waitedMinutes: 0,
      usedUsd: run.costUsd,
    });
  });

  it("spend on a crew run: the second agent never starts", async () => {
    const id = await createOk(user, crew(["Plan it.", "Write it.", "Edit it."]));
    const run = await runToEnd(id, { spend: { usd: TINY_USD } });
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("budget_exceeded");
    expect(run.error).toMatch(/^Budget exceeded: run spend\.usd limit 0\.000001, reached /);
    expect(run.steps.map((s) => s.status)).toEqual(["completed", "cancelled", "cancelled"]);
    expect(run.budget?.limits[0]).toMatchObject({ source: "run", spendUsd: TINY_USD });
  });

  it("wall clock on a crew run: a slow first agent uses the minutes up", async () => {
    const id = await createOk(user, crew([SLOW, "Write it."]));
    const run = await runToEnd(id, { wall_clock: TINY_MINUTES });
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("budget_exceeded");
    expect(run.error).toMatch(/^Budget exceeded: run wall_clock limit 0\.01 minutes, reached 0\.\d+ minutes$/);
    expect(Number(/reached (\S+) minutes$/.exec(run.error!)![1])).toBeGreaterThanOrEqual(TINY_MINUTES);
    expect(run.steps[1]!.status).toBe("cancelled");
    expect(run.budget!.usedMinutes).toBeGreaterThanOrEqual(TINY_MINUTES);
  });

  it("a budget with room to spare lets the run complete and shows what it used", async () => {
    const id = await createOk(user, chain([{ id: "a" }, { id: "b" }]));
    const run = await runToEnd(id, { wall_clock: 60, spend: { usd: 5 } });
    expect(run.status).toBe("completed");
    expect(run.errorCode).toBeNull();
    expect(run.budget!.limits).toEqual([
      {
        source: "run",
        nodeId: null,
        wallClockMinutes: 60,
        wallClockIncludesWaiting: false,
        spendUsd: 5,
        usedUsd: run.costUsd,
      },
    ]);
    expect(run.budget!.usedUsd).toBeGreaterThan(0);
  });

  it("without any budget, a run has budget null and completes", async () => {
    const id = await createOk(user, chain([{ id: "a" }, { id: "b" }]));
    const run = await runToEnd(id);
    expect(run.status).toBe("completed");
    expect(run.budget).toBeNull();
    expect(run.errorCode).toBeNull();
  });
});

describe("workflow budgets", () => {
  it("spend: graph.budget stops every run of the workflow after its first step", async () => {
    const id = await createOk(user, chain([{ id: "a" }, { id: "b" }], { spend: { usd: TINY_USD } }));
    const run = await runToEnd(id);
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("budget_exceeded");
    expect(run.error).toMatch(/^Budget exceeded: workflow spend\.usd limit 0\.000001, reached /);
    expect(run.budget!.limits).toEqual([
      {
        source: "workflow",
        nodeId: null,
        wallClockMinutes: null,
        wallClockIncludesWaiting: false,
        spendUsd: TINY_USD,
        usedUsd: run.costUsd,
      },
    ]);
  });

  it("wall clock: a slow first node uses the workflow's minutes up", async () => {
    const id = await createOk(
      user,
      chain([{ id: "a", systemPrompt: SLOW }, { id: "b" }], { wall_clock: TINY_MINUTES }),
    );
    const run = await runToEnd(id);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^Budget exceeded: workflow wall_clock limit 0\.01 minutes, reached /);
    expect(run.steps.at(-1)!.status).toBe("cancelled");
    expect(run.steps.some((s) => s.nodeId === "b" && s.status === "completed")).toBe(false);
  });

  it("the run request's budget is checked before the workflow's, and both show", async () => {
    const id = await createOk(user, chain([{ id: "a" }, { id: "b" }], { spend: { usd: TINY_USD } }));
    const run = await runToEnd(id, { spend: { usd: TINY_USD } });
    expect(run.error).toMatch(/^Budget exceeded: run spend\.usd/);
    expect(run.budget!.limits.map((l) => l.source)).toEqual(["run", "workflow"]);
  });
});

describe("node budgets", () => {
  it("spend: counts only that node's steps, while it runs", async () => {
    // "a" spends more than b's limit first; b's budget only counts b's own steps.
    const id = await createOk(
      user,
      chain([{ id: "a" }, { id: "b", budget: { spend: { usd: TINY_USD } } }, { id: "c" }]),
    );
    const run = await runToEnd(id);
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("budget_exceeded");
    expect(run.error).toMatch(/^Budget exceeded: node "b" spend\.usd limit 0\.000001, reached /);
    expect(Number(/reached (\S+)$/.exec(run.error!)![1])).toBeCloseTo(run.steps[1]!.costUsd, 6);
    expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["a", "completed"],
      ["b", "completed"],
      ["c", "cancelled"],
    ]);
    const limit = run.budget!.limits.find((l) => l.source === "node")!;
    expect(limit).toEqual({
      source: "node",
      nodeId: "b",
      wallClockMinutes: null,
      wallClockIncludesWaiting: false,
      spendUsd: TINY_USD,
      usedUsd: run.steps[1]!.costUsd,
    });
  });

  it("a node's spend limit does not stop the run when that node never runs past it", async () => {
    const id = await createOk(user, chain([{ id: "a", budget: { spend: { usd: 5 } } }, { id: "b" }]));
    const run = await runToEnd(id);
    expect(run.status).toBe("completed");
  });

  it("wall clock: the node does not start once the run's minutes passed its limit", async () => {
    const id = await createOk(
      user,
      chain([
        { id: "a", systemPrompt: SLOW },
        { id: "b", budget: { wall_clock: TINY_MINUTES } },
      ]),
    );
    const run = await runToEnd(id);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^Budget exceeded: node "b" wall_clock limit 0\.01 minutes, reached /);
    expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["a", "completed"],
      ["b", "cancelled"],
    ]);
  });
});

describe("budget validation", () => {
  it("a run request's budget errors name budget.wall_clock and budget.spend.usd", async () => {
    const id = await createOk(user, chain([{ id: "a" }]));
    const cases: [object, string, RegExp][] = [
      [{ wall_clock: -1 }, "budget.wall_clock", /more than 0/],
      [{ wall_clock: "ten" }, "budget.wall_clock", /minutes/],
      [{ wall_clock: 20_000 }, "budget.wall_clock", /10080/],
      [{ spend: { usd: 0 } }, "budget.spend.usd", /more than 0/],
      [{ spend: { usd: "1" } }, "budget.spend.usd", /US dollars/],
      [{ spend: {} }, "budget.spend.usd", /.+/],
      [{}, "budget", /wall_clock/],
      [{ spend: { usd: 1 }, wall_clock_includes_waiting: true }, "budget.wall_clock_includes_waiting", /wall_clock/],
      [{ wall_clock: 5, wall_clock_includes_waiting: "yes" }, "budget.wall_clock_includes_waiting", /true or false/],
    ];
    for (const [budget, field, message] of cases) {
      const res = await startRun(user, id, { input: "Hi", budget });
      expect(res.status, field).toBe(400);
      const detail = res.body.error.details.find((d: { field: string }) => d.field === field);
      expect(detail, `${field}: ${JSON.stringify(res.body.error.details)}`).toBeTruthy();
      expect(detail.message).toMatch(message);
    }
  });

  it("a workflow's and a node's budget errors name their fields", async () => {
    const cases: [object, string][] = [
      [chain([{ id: "a" }], { wall_clock: 0 }), "graph.budget.wall_clock"],
      [chain([{ id: "a", budget: { spend: { usd: -2 } } }]), "graph.nodes.0.budget.spend.usd"],
    ];
    for (const [body, field] of cases) {
      const res = await create(user, body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it("a repeated Idempotency-Key with another budget is a different request: 409", async () => {
    const id = await createOk(user, chain([{ id: "a" }]));
    const send = (budget: object) =>
      call(
        createRun,
        apiRequest(
          "POST",
          `/api/v1/workflows/${id}/runs`,
          { token: user.token },
          { input: "Hi", budget },
          {
            "idempotency-key": `budget-${id}`,
          },
        ),
        { id },
      );
    expect((await send({ spend: { usd: 1 }, wall_clock: 5 })).status).toBe(202);
    expect((await send({ wall_clock: 5, spend: { usd: 1 } })).status).toBe(200);
    expect((await send({ spend: { usd: 2 } })).status).toBe(409);
  });

  it("another workspace's workflow is a 404, budget or not", async () => {
    const id = await createOk(user, chain([{ id: "a" }]));
    const res = await startRun(other, id, { input: "Hi", budget: { wall_clock: 1 } });
    expect(res.status).toBe(404);
  });
});

describe("durable decisions", () => {
  it("a resumed run measures from its start, and the first decision stands on every later check", async () => {
    const ws = await makeWorkspace();
    const { run } = await makeRun({ workspaceId: ws.id, crew: THREE_AGENTS });
    // As if its worker died two minutes ago and the sweep resumed it now.
    await db.run.update({
      where: { id: run.id },
      data: { status: "running", startedAt: new Date(Date.now() - 2 * 60_000), budget: { wall_clock: 1 } },
    });
    const scope = scopeFor(ws.id);
    const first = await executeStep({ scope, runId: run.id }, 0);
    expect(first).toEqual({
      status: "failed",
      error: expect.stringMatching(/^Budget exceeded: run wall_clock limit 1 minutes, reached 2(\.\d+)? minutes$/),
    });
    // A retry later (more minutes gone) gets the recorded decision, word for word.
    await db.run.update({ where: { id: run.id }, data: { startedAt: new Date(Date.now() - 5 * 60_000) } });
    expect(await executeStep({ scope, runId: run.id }, 0)).toEqual(first);
    const steps = await db.step.findMany({ where: { runId: run.id } });
    expect(steps.every((s) => s.status === "pending" && s.attempts === 0)).toBe(true);

    await finishRun(scope, run.id);
    const finished = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({
      status: "failed",
      errorCode: "budget_exceeded",
      error: (first as { error: string }).error,
    });
  });
});
