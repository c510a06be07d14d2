import * as agents from "@/lib/api/operations/agents";
import { resumeAgent } from "@/lib/agents/pause-agent";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** A paused or failed agent becomes idle; its next run is the schedule's next slot from now. */
export const POST = withWorkspace(agents.resumeAgent, async ({ scope, params }) =>
  json(await resumeAgent(scope, params.id!)),
);
