import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getVersion } from "@/lib/workflows/get-version";
import { parseVersionParam } from "@/lib/workflows/parse-version-param";

/** One version's crew or graph: what a run of that version executed. */
export const GET = withWorkspace(workflows.getVersion, async ({ scope, params }) =>
  json(await getVersion(scope, params.id!, parseVersionParam(params.version))),
);
