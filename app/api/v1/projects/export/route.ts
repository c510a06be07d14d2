import { audit } from "@/lib/api/audit";
import * as projects from "@/lib/api/operations/projects";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { exportProject } from "@/lib/projects/export-project";

/** The workspace's graph workflows and event types as project files. */
export const GET = withWorkspace(projects.exportProject, async (ctx) => {
  const exported = await exportProject(ctx.scope);
  await audit(ctx, "project.exported", { type: "workspace", id: ctx.scope.workspaceId });
  return json(exported);
});
