import { auditActor } from "@/lib/api/audit";
import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { listWorkflows } from "@/lib/workflows/list-workflows";

/** Workflows newest first, with each one's last run and runs this month. */
export const GET = withWorkspace(workflows.listWorkflows, async ({ scope, query }) =>
  json(await listWorkflows(scope, query)),
);

/** Creates a workflow (with the default crew when none is given) and its version 1. */
export const POST = withWorkspace(workflows.createWorkflow, async ({ scope, caller, request, body }) => {
  const createdById = caller.type === "user" ? caller.userId : null;
  return json(await createWorkflow(scope, auditActor(caller, request), body, createdById), 201);
});
