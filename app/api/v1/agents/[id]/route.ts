import * as agents from "@/lib/api/operations/agents";
import { getAgent } from "@/lib/agents/get-agent";
import { deleteAgent, updateAgent } from "@/lib/agents/update-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

export const GET = withWorkspace(agents.getAgent, async ({ scope, params }) => json(await getAgent(scope, params.id!)));

/** Edits any field; a new schedule resets the next run time. */
export const PATCH = withWorkspace(agents.updateAgent, async ({ scope, params, body }) =>
  json(await updateAgent(scope, params.id!, body)),
);

/** Deletes the agent with its ticks, reflections and logs (its runs stay). */
export const DELETE = withWorkspace(agents.deleteAgent, async ({ scope, params }) => {
  await deleteAgent(scope, params.id!);
  return new Response(null, { status: 204 });
});
