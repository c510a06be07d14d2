import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { GET as runEvents } from "@/app/api/v1/runs/[id]/events/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { runResponseSchema } from "@/lib/runs/response-schemas";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

const SPEC_REVIEWER = {
  name: "Spec reviewer",
  model: "claude-sonnet-4-6",
  crew: [
    {
      role: "researcher",
      systemPrompt: "Extract the key claims and open questions from the input. Be exhaustive and concise.",
    },
    { role: "writer", systemPrompt: "Using the research, draft a clear one-page summary with a 'Risks' section." },
    {
      role: "reviewer",
      model: "claude-opus-4-7",
      systemPrompt: "Critique the draft for accuracy and gaps, then output a corrected final version.",
    },
  ],
};

let user: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("e2e");
  // The in-process engine, confined to this file's workspace (files share the database).
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

async function pollRun(id: string) {
  for (let i = 0; i < 400; i++) {
    const res = await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: user.token }), { id });
    expect(res.status).toBe(200);
    if (["completed", "failed", "cancelled"].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

describe("a run from the API to completion", () => {
  it("runs the Spec reviewer crew through the engine; GET /runs/{id} and the event stream show it complete", async () => {
    const wf = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: user.token }, SPEC_REVIEWER),
    );
    expect(wf.status).toBe(201);
    const id = wf.body.id as string;
    const queued = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${id}/runs`, { token: user.token }, { input: "Uploads are kept 30 days." }),
      { id },
    );
    expect(queued.status).toBe(202);
    const runId = queued.body.id as string;

    const stream = await runEvents(apiRequest("GET", `/api/v1/runs/${runId}/events`, { token: user.token }), {
      params: Promise.resolve({ id: runId }),
    });
    const done = await pollRun(runId);
    runResponseSchema.parse(done);
    expect(done.status).toBe("completed");
    expect(done.steps.map((s: { role: string; model: string; status: string }) => [s.role, s.model, s.status])).toEqual(
      [
        ["researcher", "claude-sonnet-4-6", "completed"],
        ["writer", "claude-sonnet-4-6", "completed"],
        ["reviewer", "claude-opus-4-7", "completed"],
      ],
    );
    expect(done.output).toBe(done.steps[2].output);
    // Without ?include=inputs a step carries the size of its input, not the input.
    expect(done.steps.every((s: object) => !("input" in s))).toBe(true);
    const full = await call(getRun, apiRequest("GET", `/api/v1/runs/${runId}?include=inputs`, { token: user.token }), {
      id: runId,
    });
    runResponseSchema.parse(full.body);
    expect(full.body.steps[0].input.system).toBe(SPEC_REVIEWER.crew[0]!.systemPrompt);
    expect(full.body.steps[1].input.messages[0].content).toContain(done.steps[0].output);
    expect(full.body.steps[1].inputSize).toBe(
      full.body.steps[1].input.system.length + full.body.steps[1].input.messages[0].content.length,
    );
    for (const step of done.steps) {
      expect(step.outputTokens).toBeGreaterThan(0);
      expect(typeof step.costUsd).toBe("number");
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(done.totals).toMatchObject({ steps: 3, completedSteps: 3 });
    expect(done.inputTokens).toBe(done.steps.reduce((n: number, s: { inputTokens: number }) => n + s.inputTokens, 0));
    expect(done.costUsd).toBeGreaterThan(0);

    const text = await new Response(stream.body).text();
    // The run once, then deltas in id order: applied to the first, they give the finished run.
    const events = [...text.matchAll(/event: (\w+)\nid: (\d+)\ndata: (.*)\n\n/g)].map((m) => ({
      event: m[1]!,
      id: Number(m[2]),
      data: JSON.parse(m[3]!),
    }));
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.event).toBe("run");
    let live = events[0]!.data;
    for (const e of events.slice(1, -1)) {
      if (e.event === "run") live = { ...live, ...e.data };
      else live = { ...live, steps: live.steps.map((s: { id: string }) => (s.id === e.data.id ? e.data : s)) };
    }
    expect(live).toEqual(done);
    expect(events.at(-1)).toMatchObject({ event: "end", data: { status: "completed" } });
    expect(text.trimEnd().endsWith(`data: {"status":"completed"}`)).toBe(true);
  });
});
