import { auditActor } from "@/lib/api/audit";
import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getCrew } from "@/lib/workflows/get-crew";
import { replaceCrew } from "@/lib/workflows/replace-crew";

export const GET = withWorkspace(workflows.getCrew, async ({ scope, params }) =>
  json(await getCrew(scope, params.id!)),
);

/** Replaces the crew; a changed crew becomes a new version (an identical one changes nothing). */
export const PUT = withWorkspace(workflows.replaceCrew, async ({ scope, caller, request, params, body }) => {
  const { workflow, version, created } = await replaceCrew(scope, {
    workflowId: params.id!,
    crew: body.crew,
    responseTone: body.responseTone ?? null,
    note: body.note,
    createdById: caller.type === "user" ? caller.userId : null,
    skipIfUnchanged: true,
    audit: { actor: auditActor(caller, request) },
  });
  return json({
    workflowId: workflow.id,
    version: version.version,
    crew: workflow.crew,
    responseTone: workflow.graph.responseTone ?? null,
    created,
  });
});
