import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { importProject } from "@/lib/projects/import-project";
import { importProjectSchema, MAX_PROJECT_BODY_BYTES } from "@/lib/projects/schemas";

/** Compiles a project's files and makes them the workspace's event types and graph workflows. */
export const POST = withWorkspace(
  async ({ scope, caller, body }) =>
    json(await importProject(scope, body.files, caller.type === "user" ? caller.userId : null)),
  { body: importProjectSchema, permission: "workflows.write", maxBodyBytes: MAX_PROJECT_BODY_BYTES },
);
