import * as agents from "@/lib/api/operations/agents";
import { agentSchedule } from "@/lib/agents/agent-schedule";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** The next `count` (default 5, at most 20) run times, with wall-clock times in the agent's time zone. */
export const GET = withWorkspace(agents.getAgentSchedule, async ({ scope, params, query }) =>
  json(await agentSchedule(scope, params.id!, query.count)),
);
