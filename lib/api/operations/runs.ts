import { z } from "zod";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { pageOf } from "@/lib/http/openapi-schemas";
import {
  runResponseSchema,
  runSummarySchema,
  stepInputResponseSchema,
  stepToolCallsResponseSchema,
} from "@/lib/runs/response-schemas";
import {
  CREATE_RUN_MAX_BODY_BYTES,
  createRunSchema,
  getRunQuerySchema,
  idempotencyKeySchema,
  listRunsQuerySchema,
} from "@/lib/runs/schemas";

const id = { id: "Run id." };

export const createRun = defineOperation({
  method: "post",
  path: "/api/v1/workflows/{id}/runs",
  operationId: "createRun",
  maxBodyBytes: CREATE_RUN_MAX_BODY_BYTES,
  permission: "runs.write",
  summary: "Run a workflow on an input",
  description:
    "Queues a run of the current crew and returns it at once (202) with one pending step per agent. " +
    "Poll `GET /api/v1/runs/{id}` or follow `GET /api/v1/runs/{id}/events` until it is completed, failed or cancelled. " +
    "A `budget` (`wall_clock` minutes, `spend.usd`) applies to this run besides the workflow's and its nodes': " +
    'checked at every step boundary, the first one reached fails the run with `errorCode` "budget_exceeded". ' +
    'A graph run that hits maxSteps or maxVisitsPerNode fails with `errorCode` "cap_exceeded", and one whose node answers something none of its edges takes (with no default edge) with "no_matching_edge". ' +
    "A graph whose prompts read `{{ event.<field> }}` runs only from its event: a run request is 400 naming `event`.",
  tag: "Runs",
  pathParams: { id: "Workflow id." },
  headers: [
    {
      name: "Idempotency-Key",
      description: "Repeating a request with the same key returns the same run (200) instead of starting another.",
      schema: idempotencyKeySchema,
    },
  ],
  body: createRunSchema,
  responses: {
    202: { description: "The queued run.", schema: runResponseSchema },
    200: {
      description: "The run an earlier request with the same Idempotency-Key created.",
      schema: runResponseSchema,
      headers: { "Idempotent-Replayed": { description: "`true` on a replay.", schema: z.literal("true") } },
    },
  },
  errors: [402, 404, 409, 413, 429],
});

export const listRuns = defineOperation({
  method: "get",
  path: "/api/v1/runs",
  operationId: "listRuns",
  summary: "List runs, newest first",
  tag: "Runs",
  query: listRunsQuerySchema,
  responses: { 200: { description: "A page of runs (without steps).", schema: pageOf(runSummarySchema) } },
});

export const getRun = defineOperation({
  method: "get",
  path: "/api/v1/runs/{id}",
  operationId: "getRun",
  summary: "Get a run with its steps",
  description:
    "Each step carries `inputSize`, not its input: a step stores its system prompt and references to the run's " +
    "input and earlier outputs, so the response grows linearly with the steps. `?include=inputs` adds each " +
    "step's full `input`, exactly as sent to the model; `GET /api/v1/runs/{id}/steps/{stepId}/input` returns one.",
  tag: "Runs",
  pathParams: id,
  query: getRunQuerySchema,
  headers: [
    {
      name: "If-None-Match",
      description: "The ETag of the copy you have: 304 while the run is unchanged.",
      schema: z.string().max(200),
    },
  ],
  responses: {
    200: {
      description: "The run; steps are ordered by index.",
      schema: runResponseSchema,
      headers: { ETag: { description: "Changes whenever the run or a step changes.", schema: z.string() } },
    },
    304: { description: "Unchanged since the ETag sent in If-None-Match; no body." },
  },
  errors: [404],
});

export const getStepToolCalls = defineOperation({
  method: "get",
  path: "/api/v1/runs/{id}/steps/{stepId}/tool-calls",
  operationId: "getStepToolCalls",
  summary: "Get the tool calls of one step with their full results",
  tag: "Runs",
  pathParams: { id: "Run id.", stepId: "Step id (from the run's steps)." },
  responses: { 200: { description: "The step's tool calls, in order.", schema: stepToolCallsResponseSchema } },
  errors: [404],
});

export const getStepInput = defineOperation({
  method: "get",
  path: "/api/v1/runs/{id}/steps/{stepId}/input",
  operationId: "getStepInput",
  summary: "Get the full input of one step",
  description: "The step's input exactly as sent to the model, composed when read; null until the step starts.",
  tag: "Runs",
  pathParams: { id: "Run id.", stepId: "Step id (from the run's steps)." },
  headers: [
    {
      name: "If-None-Match",
      description: "The ETag of the copy you have: 304 while it is unchanged.",
      schema: z.string().max(200),
    },
  ],
  responses: {
    200: {
      description: "The step's input.",
      schema: stepInputResponseSchema,
      headers: { ETag: { description: "Changes when the input changes.", schema: z.string() } },
    },
    304: { description: "Unchanged since the ETag sent in If-None-Match; no body." },
  },
  errors: [404],
});

export const cancelRun = defineOperation({
  method: "post",
  path: "/api/v1/runs/{id}/cancel",
  operationId: "cancelRun",
  permission: "runs.write",
  summary: "Cancel a run",
  description:
    "A queued run is cancelled at once; a running one gets `cancelRequestedAt` and stops at its next step boundary. " +
    "A finished run is a 409.",
  tag: "Runs",
  pathParams: id,
  responses: { 200: { description: "The run.", schema: runResponseSchema } },
  errors: [404, 409],
});

export const streamRunEvents = defineOperation({
  method: "get",
  path: "/api/v1/runs/{id}/events",
  operationId: "streamRunEvents",
  summary: "Follow a run as server-sent events",
  description:
    "The first `event: run` carries the whole run (as `GET /api/v1/runs/{id}`, without step inputs). After it only " +
    "changes are sent: `event: step` carries a step that changed (whole, replace it by id) and `event: run` the run's " +
    "fields that changed (merge them into the run). Every event has an increasing `id`. `event: end` follows a " +
    "completed, failed or cancelled run and the stream closes. Comment lines are heartbeats. The stream ends after " +
    "10 minutes (`event: timeout`); reconnect to keep following. A caller (user or API token) holding " +
    "`RUN_STREAMS_PER_CALLER` (20) open streams, or a workspace holding `RUN_STREAMS_PER_WORKSPACE` (100) in all " +
    "server processes, gets 429 with Retry-After.",
  tag: "Runs",
  pathParams: id,
  responses: {
    200: {
      description:
        "A text/event-stream: the first `run` event carries the Run schema, later `run` events a part of it, " +
        "`step` events the Step schema.",
      contentType: "text/event-stream",
      schema: z.string(),
    },
  },
  errors: [404, 429],
});

export const runOperations: readonly ApiOperation[] = [
  createRun,
  listRuns,
  getRun,
  getStepToolCalls,
  getStepInput,
  cancelRun,
  streamRunEvents,
];
