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
    expect(done.steps[0].input.system).toBe(SPEC_REVIEWER.crew[0]!.systemPrompt);
    expect(done.steps[1].input.messages[0].content).toContain(done.steps[0].output);
    for (const step of done.steps) {
      expect(step.outputTokens).toBeGreaterThan(0);
      expect(typeof step.costUsd).toBe("number");
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(done.totals).toMatchObject({ steps: 3, completedSteps: 3 });
    expect(done.inputTokens).toBe(done.steps.reduce((n: number, s: { inputTokens: number }) => n + s.inputTokens, 0));
    expect(done.costUsd).toBeGreaterThan(0);

    const text = await new Response(stream.body).text();
    const runEventsData = [...text.matchAll(/event: run\nid: \d+\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!));
    expect(runEventsData.length).toBeGreaterThanOrEqual(1);
    expect(runEventsData.at(-1)).toEqual(done);
    expect(text.trimEnd().endsWith(`event: end\ndata: {"status":"completed"}`)).toBe(true);
  });
});
