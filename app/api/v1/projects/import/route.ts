import * as projects from "@/lib/api/operations/projects";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { importProject } from "@/lib/projects/import-project";

/** Compiles a project's files and makes them the workspace's event types and graph workflows. */
export const POST = withWorkspace(projects.importProject, async ({ scope, caller, body }) =>
  json(await importProject(scope, body.files, caller.type === "user" ? caller.userId : null)),
);
