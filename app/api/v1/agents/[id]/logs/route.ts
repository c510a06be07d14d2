import * as agents from "@/lib/api/operations/agents";
import { listLogs } from "@/lib/agents/list-logs";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** The last 100 log entries, newest first. */
export const GET = withWorkspace(agents.listAgentLogs, async ({ scope, params }) =>
  json({ data: await listLogs(scope, params.id!) }),
);
