import { pauseAgent } from "@/lib/agents/pause-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** No scheduled tick fires until the agent is resumed. */
export const POST = withWorkspace(async ({ scope, params }) => json(await pauseAgent(scope, params.id!)), {
  permission: "agents.write",
});
