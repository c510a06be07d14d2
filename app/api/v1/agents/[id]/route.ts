import { getAgent } from "@/lib/agents/get-agent";
import { updateAgentSchema } from "@/lib/agents/schemas";
import { deleteAgent, updateAgent } from "@/lib/agents/update-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

export const GET = withWorkspace(async ({ scope, params }) => json(await getAgent(scope, params.id!)));

/** Edits any field; a new schedule resets the next run time. */
export const PATCH = withWorkspace(
  async ({ scope, params, body }) => json(await updateAgent(scope, params.id!, body)),
  { body: updateAgentSchema, permission: "agents.write" },
);

/** Deletes the agent with its ticks, reflections and logs (its runs stay). */
export const DELETE = withWorkspace(
  async ({ scope, params }) => {
    await deleteAgent(scope, params.id!);
    return new Response(null, { status: 204 });
  },
  { permission: "agents.write" },
);
