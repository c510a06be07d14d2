import { auditActor } from "@/lib/api/audit";
import * as projects from "@/lib/api/operations/projects";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { exportProject } from "@/lib/projects/export-project";

/** The workspace's graph workflows and event types as project files. */
export const GET = withWorkspace(projects.exportProject, async (ctx) => {
  return json(await exportProject(ctx.scope, auditActor(ctx.caller, ctx.request)));
});
