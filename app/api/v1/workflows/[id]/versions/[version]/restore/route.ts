import { auditActor } from "@/lib/api/audit";
import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { parseVersionParam } from "@/lib/workflows/parse-version-param";
import { restoreVersion } from "@/lib/workflows/restore-version";

/** Makes an old version's crew or graph current again, as a new version. */
export const POST = withWorkspace(workflows.restoreVersion, async ({ scope, caller, request, params }) => {
  const { workflow, version } = await restoreVersion(
    scope,
    auditActor(caller, request),
    params.id!,
    parseVersionParam(params.version),
    caller.type === "user" ? caller.userId : null,
  );
  return json(
    {
      workflowId: workflow.id,
      version: version.version,
      kind: workflow.kind,
      crew: workflow.crew,
      graph: workflow.graph,
      restoredFrom: Number(params.version),
    },
    201,
  );
});
