import { POST as createAgentRoute } from "@/app/api/v1/agents/route";
import { POST as createWorkflowRoute } from "@/app/api/v1/workflows/route";
import { apiRequest, call, type TestUser } from "../support/factory";

export async function makeWorkflow(u: TestUser, name = "Digest", crew?: { role: string; systemPrompt: string }[]) {
  const res = await call(
    createWorkflowRoute,
    apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name, crew }),
  );
  if (res.status !== 201) throw new Error(`workflow create failed: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; currentVersion: number };
}

export function agentBody(workflowIds: string[], extra: Record<string, unknown> = {}) {
  return {
    name: "News Notifier",
    role: "News curator",
    description: "Collects the day's news",
    goal: "Publish a short digest of the day's news every morning.",
    workflowIds,
    model: "claude-sonnet-4-6",
    capabilities: ["api", "ai"],
    schedule: { type: "manual" },
    ...extra,
  };
}

export async function makeAgent(u: TestUser, body: Record<string, unknown>) {
  const res = await call(createAgentRoute, apiRequest("POST", "/api/v1/agents", { token: u.token }, body));
  if (res.status !== 201) throw new Error(`agent create failed: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; nextRunAt: string | null; workflowIds: string[] };
}

export function fields(res: { body: { error: { details?: { field: string }[] } } }) {
  return (res.body.error.details ?? []).map((d) => d.field);
}
