import * as agents from "@/lib/api/operations/agents";
import { startAgent } from "@/lib/agents/start-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** Starts a tick now (202); 409 when the agent is paused or already running. */
export const POST = withWorkspace(agents.startAgent, async ({ scope, params }) =>
  json(await startAgent(scope, params.id!), 202),
);
