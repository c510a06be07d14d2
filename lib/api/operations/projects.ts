import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import {
  exportResultSchema,
  hostingResultSchema,
  importProjectSchema,
  importResultSchema,
  MAX_PROJECT_BODY_BYTES,
} from "@/lib/projects/schemas";

export const importProject = defineOperation({
  method: "post",
  path: "/api/v1/projects/import",
  operationId: "importProject",
  maxBodyBytes: MAX_PROJECT_BODY_BYTES,
  permission: "workflows.write",
  summary: "Import a project's files as event types and graph workflows",
  description:
    "Compiles `registry.yml` and `workflows/<workflow>/<step>.md` (400 lists every error in `details` as `{ field, file, line, message }`), upserts the registry's event types and creates or updates one graph workflow per directory, matched by name. Only a workflow whose graph or files changed gets a new version.",
  tag: "Projects",
  body: importProjectSchema,
  responses: { 200: { description: "What each workflow and event type became.", schema: importResultSchema } },
  errors: [403],
});

export const exportProject = defineOperation({
  method: "get",
  path: "/api/v1/projects/export",
  operationId: "exportProject",
  summary: "The workspace's graph workflows and event types as project files",
  description:
    "Files an import sent come back byte for byte while they still describe the workspace; workflows changed since in the dashboard are written in the canonical format.",
  tag: "Projects",
  responses: { 200: { description: "Path → content.", schema: exportResultSchema } },
});

export const projectHosting = defineOperation({
  method: "get",
  path: "/api/v1/projects/hosting",
  operationId: "projectHosting",
  summary: "What the server hosts and runs for the workspace's project",
  description:
    "The sensor webhooks it hosts (with their URLs), the schedules armed (workflows with a cron trigger, poll sensors), and each poll sensor's last poll, last change and last error: what the Events page shows and `loopllama run` prints.",
  tag: "Projects",
  responses: { 200: { description: "Webhooks, schedules and sensors.", schema: hostingResultSchema } },
});

export const projectOperations: readonly ApiOperation[] = [importProject, exportProject, projectHosting];
