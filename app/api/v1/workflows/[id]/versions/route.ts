import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { listVersions } from "@/lib/workflows/list-versions";

/** The crew's versions, newest first. */
export const GET = withWorkspace(workflows.listVersions, async ({ scope, params, query }) =>
  json(await listVersions(scope, params.id!, query)),
);
