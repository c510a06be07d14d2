import { auditActor } from "@/lib/api/audit";
import * as projects from "@/lib/api/operations/projects";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { importProject } from "@/lib/projects/import-project";

/** Compiles a project's files and makes them the workspace's event types and graph workflows. */
export const POST = withWorkspace(projects.importProject, async ({ scope, caller, request, body }) => {
  const createdById = caller.type === "user" ? caller.userId : null;
  return json(await importProject(scope, auditActor(caller, request), body.files, createdById));
});
