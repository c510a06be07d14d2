import * as agents from "@/lib/api/operations/agents";
import { listReflections } from "@/lib/agents/list-reflections";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** The last 50 reflections, newest first; a modify carries the crew before and after. */
export const GET = withWorkspace(agents.listReflections, async ({ scope, params }) =>
  json({ data: await listReflections(scope, params.id!) }),
);
