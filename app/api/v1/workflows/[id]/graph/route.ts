import { auditActor } from "@/lib/api/audit";
import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getGraph } from "@/lib/workflows/get-graph";
import { replaceGraph } from "@/lib/workflows/replace-graph";

/** The current graph (a crew workflow's is its chain). */
export const GET = withWorkspace(workflows.getGraph, async ({ scope, params }) =>
  json(await getGraph(scope, params.id!)),
);

/** Replaces a graph workflow's graph; a changed graph becomes a new version. 409 for a crew workflow. */
export const PUT = withWorkspace(workflows.replaceGraph, async ({ scope, caller, request, params, body }) => {
  const { workflow, version, created } = await replaceGraph(scope, {
    workflowId: params.id!,
    graph: body.graph,
    note: body.note,
    createdById: caller.type === "user" ? caller.userId : null,
    skipIfUnchanged: true,
    audit: { actor: auditActor(caller, request) },
  });
  return json({
    workflowId: workflow.id,
    version: version.version,
    kind: workflow.kind,
    graph: workflow.graph,
    created,
  });
});
