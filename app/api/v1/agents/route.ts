import { createAgent } from "@/lib/agents/create-agent";
import { listAgents } from "@/lib/agents/get-agent";
import { createAgentSchema, listQuerySchema } from "@/lib/agents/schemas";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** Agents, newest first: `?limit=&cursor=`, answered with `{ data, nextCursor }`. */
export const GET = withWorkspace(async ({ scope, query }) => json(await listAgents(scope, query)), {
  query: listQuerySchema,
});

/** Creates an agent; a scheduled one fires at its first slot. Too-small models are refused (400 on `model`). */
export const POST = withWorkspace(
  async ({ scope, caller, body }) =>
    json(await createAgent(scope, body, { createdById: caller.type === "user" ? caller.userId : null }), 201),
  { body: createAgentSchema, permission: "agents.write" },
);
