import type { z } from "zod";
import { expect } from "vitest";
import type { runResponseSchema } from "@/lib/runs/response-schemas";
import { POST as answer } from "@/app/api/v1/runs/[id]/approvals/[nodeId]/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { apiRequest, call, type TestUser } from "../support/factory";
import { waitFor } from "../support/runs";

/** A draft, a person's review of it, then publish; a rejection sends the draft back for a revision. */
export function reviewed(review: Record<string, unknown> = {}, caps: { maxVisitsPerNode?: number } = {}) {
  return {
    name: "Reviewed post",
    model: "claude-sonnet-4-6",
    graph: {
      start: "draft",
      nodes: [
        { id: "draft", role: "writer", systemPrompt: "Draft a short post." },
        {
          id: "review",
          kind: "approval",
          role: "editor",
          systemPrompt: "Ship this? {{ draft.output }}",
          ...review,
        },
        { id: "publish", role: "publisher", systemPrompt: "Publish the post." },
      ],
      edges: [
        { from: "draft", to: "review" },
        { from: "review", to: "publish", when: "approved" },
        { from: "review", to: "draft", when: "rejected" },
        { from: "publish", to: "END" },
      ],
      ...caps,
    },
  };
}

export async function startRun(u: TestUser, workflowId: string, input = "Our new tea.") {
  const res = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, { input }),
    { id: workflowId },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.id as string;
}

export async function readRun(u: TestUser, id: string) {
  const res = await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: u.token }), { id });
  expect(res.status).toBe(200);
  return res.body;
}

/** Polls the run until `check` holds of it. */
export async function runWhen(u: TestUser, id: string, check: (run: RunBody) => boolean, timeoutMs = 30_000) {
  return waitFor(async () => {
    const run = await readRun(u, id);
    return check(run) ? run : null;
  }, timeoutMs);
}

/** Polls until the run waits at its `visit`-th approval step. */
export function waitingAt(u: TestUser, id: string, visit = 1, timeoutMs?: number) {
  return runWhen(
    u,
    id,
    (r) =>
      r.status === "waiting" &&
      r.steps.some((s) => s.nodeId === "review" && s.visit === visit && s.status === "waiting"),
    timeoutMs,
  );
}

export const finished = (r: RunBody) => ["completed", "failed", "cancelled"].includes(r.status);

export function answerAs(
  auth: { token: string } | { cookie: string; workspace?: string },
  runId: string,
  body: unknown,
  nodeId = "review",
) {
  return call(answer, apiRequest("POST", `/api/v1/runs/${runId}/approvals/${nodeId}`, auth, body), {
    id: runId,
    nodeId,
  });
}

export type RunBody = z.output<typeof runResponseSchema>;
