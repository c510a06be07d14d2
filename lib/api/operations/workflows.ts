import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { pageOf } from "@/lib/http/openapi-schemas";
import {
  createWorkflowSchema,
  diagramQuerySchema,
  replaceGraphSchema,
  listVersionsQuerySchema,
  listWorkflowsQuerySchema,
  replaceCrewSchema,
  updateWorkflowSchema,
} from "@/lib/workflows/schemas";
import {
  crewResponseSchema,
  diagramResponseSchema,
  graphVersionResponseSchema,
  versionResponseSchema,
  workflowListItemSchema,
  workflowResponseSchema,
} from "@/lib/workflows/response-schemas";

const id = { id: "Workflow id." };

export const listWorkflows = defineOperation({
  method: "get",
  path: "/api/v1/workflows",
  operationId: "listWorkflows",
  summary: "List workflows, newest first",
  description: "Cursor-paginated; each workflow carries its last run and its number of runs this month.",
  tag: "Workflows",
  query: listWorkflowsQuerySchema,
  responses: { 200: { description: "A page of workflows.", schema: pageOf(workflowListItemSchema) } },
});

export const createWorkflow = defineOperation({
  method: "post",
  path: "/api/v1/workflows",
  operationId: "createWorkflow",
  permission: "workflows.write",
  summary: "Create a workflow",
  description:
    "Send at most one of `crew`, `graph` or the sugar `chain`, `route`, `parallel` (expanded to `graph` on save). " +
    "With none, the workflow gets the default crew: a planner, then a writer. A graph is checked on save: unknown " +
    "nodes in edges, duplicate ids, the start, reachability, a way to END from every node, and templates " +
    "(`{{ input }}`, `{{ node.output }}`, `{{ node.field }}`); each problem is a 400 naming its field. Creates version 1.",
  tag: "Workflows",
  body: createWorkflowSchema,
  responses: { 201: { description: "The workflow.", schema: workflowResponseSchema } },
});

export const getWorkflow = defineOperation({
  method: "get",
  path: "/api/v1/workflows/{id}",
  operationId: "getWorkflow",
  summary: "Get a workflow with its current crew",
  tag: "Workflows",
  pathParams: id,
  responses: { 200: { description: "The workflow.", schema: workflowResponseSchema } },
  errors: [404],
});

export const updateWorkflow = defineOperation({
  method: "patch",
  path: "/api/v1/workflows/{id}",
  operationId: "updateWorkflow",
  permission: "workflows.write",
  summary: "Update name, description, default model or status",
  description: "Set `status` to `paused` to refuse new runs (409) until it is `active` again.",
  tag: "Workflows",
  pathParams: id,
  body: updateWorkflowSchema,
  responses: { 200: { description: "The workflow.", schema: workflowResponseSchema } },
  errors: [404],
});

export const deleteWorkflow = defineOperation({
  method: "delete",
  path: "/api/v1/workflows/{id}",
  operationId: "deleteWorkflow",
  permission: "workflows.write",
  summary: "Delete a workflow with its versions and finished runs (their usage stays); 409 while runs are active",
  tag: "Workflows",
  pathParams: id,
  responses: { 204: { description: "Deleted." } },
  errors: [404, 409],
});

export const getCrew = defineOperation({
  method: "get",
  path: "/api/v1/workflows/{id}/crew",
  operationId: "getCrew",
  summary: "Get the current crew",
  tag: "Workflows",
  pathParams: id,
  responses: { 200: { description: "The crew and its version.", schema: crewResponseSchema } },
  errors: [404, 409],
});

export const replaceCrew = defineOperation({
  method: "put",
  path: "/api/v1/workflows/{id}/crew",
  operationId: "replaceCrew",
  permission: "workflows.write",
  summary: "Replace the crew (a new version)",
  description: "A changed crew becomes a new version; sending the current crew again changes nothing.",
  tag: "Workflows",
  pathParams: id,
  body: replaceCrewSchema,
  responses: { 200: { description: "The crew and its version.", schema: crewResponseSchema } },
  errors: [404, 409],
});

export const getGraph = defineOperation({
  method: "get",
  path: "/api/v1/workflows/{id}/graph",
  operationId: "getGraph",
  summary: "Get the current graph",
  description: "A crew workflow's graph is its chain: agent-1 → agent-2 → … → END.",
  tag: "Workflows",
  pathParams: id,
  responses: { 200: { description: "The graph and its version.", schema: graphVersionResponseSchema } },
  errors: [404],
});

export const replaceGraph = defineOperation({
  method: "put",
  path: "/api/v1/workflows/{id}/graph",
  operationId: "replaceGraph",
  permission: "workflows.write",
  summary: "Replace a graph workflow's graph (a new version)",
  description:
    "Checked like a graph on create. A changed graph becomes a new version; the same graph changes nothing. " +
    "409 for a crew workflow (use PUT /crew).",
  tag: "Workflows",
  pathParams: id,
  body: replaceGraphSchema,
  responses: { 200: { description: "The graph and its version.", schema: graphVersionResponseSchema } },
  errors: [404, 409],
});

export const getDiagram = defineOperation({
  method: "get",
  path: "/api/v1/workflows/{id}/diagram",
  operationId: "getDiagram",
  summary: "The workflow's graph as Mermaid or DOT source",
  tag: "Workflows",
  pathParams: id,
  query: diagramQuerySchema,
  responses: { 200: { description: "The diagram source.", schema: diagramResponseSchema } },
  errors: [404],
});

export const listVersions = defineOperation({
  method: "get",
  path: "/api/v1/workflows/{id}/versions",
  operationId: "listVersions",
  summary: "List crew versions, newest first",
  tag: "Workflows",
  pathParams: id,
  query: listVersionsQuerySchema,
  responses: { 200: { description: "A page of versions.", schema: pageOf(versionResponseSchema) } },
  errors: [404],
});

export const getVersion = defineOperation({
  method: "get",
  path: "/api/v1/workflows/{id}/versions/{version}",
  operationId: "getVersion",
  summary: "One version's crew or graph",
  description: "What runs of that version execute; the dashboard draws a run's path on it and compares versions.",
  tag: "Workflows",
  pathParams: { ...id, version: "Version number." },
  responses: { 200: { description: "The version.", schema: versionResponseSchema } },
  errors: [400, 404],
});

export const restoreVersion = defineOperation({
  method: "post",
  path: "/api/v1/workflows/{id}/versions/{version}/restore",
  operationId: "restoreVersion",
  permission: "workflows.write",
  summary: "Restore an old crew version",
  description: "Makes the old version's crew current again as a new version (source `restore`).",
  tag: "Workflows",
  pathParams: { ...id, version: "Version number to restore." },
  responses: {
    201: { description: "The new version.", schema: crewResponseSchema.required({ restoredFrom: true }) },
  },
  errors: [400, 404],
});

export const workflowOperations: readonly ApiOperation[] = [
  listWorkflows,
  createWorkflow,
  getWorkflow,
  updateWorkflow,
  deleteWorkflow,
  getCrew,
  replaceCrew,
  getGraph,
  replaceGraph,
  getDiagram,
  listVersions,
  getVersion,
  restoreVersion,
];
