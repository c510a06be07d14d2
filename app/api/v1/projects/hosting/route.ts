import * as projects from "@/lib/api/operations/projects";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { projectHosting } from "@/lib/events/list-project-sensors";

/** The sensor webhooks hosted and schedules armed for the workspace's project, as the Events page shows them. */
export const GET = withWorkspace(projects.projectHosting, async ({ scope, workspace }) =>
  json(await projectHosting(scope, workspace.slug)),
);
