import { expect } from "vitest";
import { POST as createEventType } from "@/app/api/v1/event-types/route";
import { POST as emit } from "@/app/api/v1/events/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { apiRequest, call, type TestUser } from "../support/factory";

export async function makeEventType(u: TestUser, name: string, fields: Record<string, string>) {
  const res = await call(
    createEventType,
    apiRequest("POST", "/api/v1/event-types", { token: u.token }, { name, fields }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

export async function emitEvent(u: TestUser, body: unknown) {
  return call(emit, apiRequest("POST", "/api/v1/events", { token: u.token }, body));
}

export async function createWorkflowOk(u: TestUser, body: unknown): Promise<string> {
  const res = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A one-node graph workflow started by `event`, optionally emitting its typed output. */
export function onEvent(
  name: string,
  event: string,
  node: { systemPrompt?: string; output?: Record<string, string>; emits?: string } = {},
) {
  return {
    name,
    model: "claude-haiku-4-5",
    graph: {
      start: "handle",
      trigger: { event },
      nodes: [{ id: "handle", role: "handler", systemPrompt: node.systemPrompt ?? "Handle it.", ...node }],
      edges: [{ from: "handle", to: "END" }],
    },
  };
}
