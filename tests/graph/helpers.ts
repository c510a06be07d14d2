import { expect } from "vitest";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { apiRequest, call, type TestUser } from "../support/factory";

/** Seed 002's support triage: classify routes to billing or tech. */
export function triage(classifierPrompt: string) {
  return {
    name: "Support triage",
    model: "claude-sonnet-4-6",
    graph: {
      start: "classify",
      nodes: [
        { id: "classify", role: "classifier", systemPrompt: classifierPrompt, model: "claude-haiku-4-5" },
        { id: "billing", role: "billing agent", systemPrompt: "Handle billing." },
        { id: "tech", role: "tech agent", systemPrompt: "Handle tech." },
      ],
      edges: [
        { from: "classify", to: "billing", when: "billing" },
        { from: "classify", to: "tech", when: "tech" },
        { from: "billing", to: "END" },
        { from: "tech", to: "END" },
      ],
    },
  };
}

export async function create(u: TestUser, body: unknown) {
  return call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));
}

export async function createOk(u: TestUser, body: unknown): Promise<string> {
  const res = await create(u, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Starts a run and polls it until it is finished. */
export async function runToEnd(u: TestUser, workflowId: string, input: string) {
  const res = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, { input }),
    { id: workflowId },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.id as string;
  for (let i = 0; i < 600; i++) {
    const run = await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: u.token }), { id });
    if (["completed", "failed", "cancelled"].includes(run.body.status)) return run.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}
