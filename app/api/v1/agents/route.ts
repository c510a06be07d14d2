import * as agents from "@/lib/api/operations/agents";
import { createAgent } from "@/lib/agents/create-agent";
import { listAgents } from "@/lib/agents/get-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** Agents, newest first: `?limit=&cursor=`, answered with `{ data, nextCursor }`. */
export const GET = withWorkspace(agents.listAgents, async ({ scope, query }) => json(await listAgents(scope, query)));

/** Creates an agent; a scheduled one fires at its first slot. Too-small models are refused (400 on `model`). */
export const POST = withWorkspace(agents.createAgent, async ({ scope, caller, body }) =>
  json(await createAgent(scope, body, { createdById: caller.type === "user" ? caller.userId : null }), 201),
);
