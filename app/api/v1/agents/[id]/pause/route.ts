import * as agents from "@/lib/api/operations/agents";
import { pauseAgent } from "@/lib/agents/pause-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** No scheduled tick fires until the agent is resumed. */
export const POST = withWorkspace(agents.pauseAgent, async ({ scope, params }) =>
  json(await pauseAgent(scope, params.id!)),
);
