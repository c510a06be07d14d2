import { z } from "zod";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf, pageOf } from "@/lib/http/openapi-schemas";
import {
  createEventTypeSchema,
  emitEventSchema,
  emittedEventSchema,
  eventTypeSchema,
  eventWithRunsSchema,
  listEventsQuerySchema,
  updateEventTypeSchema,
  webhookSecretSchema,
} from "@/lib/events/schemas";

const typeId = { id: "Event type id." };

/** The event bus: event types, emitting events, their incoming webhooks. */
export const listEventTypes = defineOperation({
  method: "get",
  path: "/api/v1/event-types",
  operationId: "listEventTypes",
  summary: "Event types of the workspace, by name",
  tag: "Events",
  responses: { 200: { description: "Every event type.", schema: listOf(eventTypeSchema) } },
});

export const createEventType = defineOperation({
  method: "post",
  path: "/api/v1/event-types",
  operationId: "createEventType",
  permission: "workflows.write",
  summary: "Declare an event type with typed fields (str, int, url, id, enum[a, b])",
  tag: "Events",
  body: createEventTypeSchema,
  responses: { 201: { description: "The event type.", schema: eventTypeSchema } },
  errors: [403, 409],
});

export const getEventType = defineOperation({
  method: "get",
  path: "/api/v1/event-types/{id}",
  operationId: "getEventType",
  summary: "One event type",
  tag: "Events",
  pathParams: typeId,
  responses: { 200: { description: "The event type.", schema: eventTypeSchema } },
  errors: [404],
});

export const updateEventType = defineOperation({
  method: "patch",
  path: "/api/v1/event-types/{id}",
  operationId: "updateEventType",
  permission: "workflows.write",
  summary: "Rename an event type or change its fields or description",
  description: "While a workflow starts on it or emits it, its name and fields are kept (409 naming the workflows).",
  tag: "Events",
  pathParams: typeId,
  body: updateEventTypeSchema,
  responses: { 200: { description: "The event type.", schema: eventTypeSchema } },
  errors: [403, 404, 409],
});

export const deleteEventType = defineOperation({
  method: "delete",
  path: "/api/v1/event-types/{id}",
  operationId: "deleteEventType",
  permission: "workflows.write",
  summary: "Delete an event type (409 naming the workflows that start on it or emit it)",
  tag: "Events",
  pathParams: typeId,
  responses: { 200: { description: "The deleted event type.", schema: eventTypeSchema } },
  errors: [403, 404, 409],
});

export const rotateEventTypeWebhook = defineOperation({
  method: "post",
  path: "/api/v1/event-types/{id}/webhook",
  operationId: "rotateEventTypeWebhook",
  permission: "workflows.write",
  summary: "Turn on the event type's incoming webhook, or rotate its URL and secret",
  description:
    "The secret is in this answer only; the previous URL and secret stop working. The hook takes Standard Webhooks signatures (a legacy hook moves to them).",
  tag: "Events",
  pathParams: typeId,
  responses: { 201: { description: "The hook's URL and secret.", schema: webhookSecretSchema } },
  errors: [403, 404],
});

export const disableEventTypeWebhook = defineOperation({
  method: "delete",
  path: "/api/v1/event-types/{id}/webhook",
  operationId: "disableEventTypeWebhook",
  permission: "workflows.write",
  summary: "Turn the event type's incoming webhook off",
  tag: "Events",
  pathParams: typeId,
  responses: { 200: { description: "The event type.", schema: eventTypeSchema } },
  errors: [403, 404],
});

export const listEvents = defineOperation({
  method: "get",
  path: "/api/v1/events",
  operationId: "listEvents",
  summary: "Events, newest first, each with the runs it started",
  tag: "Events",
  query: listEventsQuerySchema,
  responses: { 200: { description: "A page of events.", schema: pageOf(eventWithRunsSchema) } },
});

export const emitEvent = defineOperation({
  method: "post",
  path: "/api/v1/events",
  operationId: "emitEvent",
  permission: "runs.write",
  summary: "Emit an event: every active workflow that starts on it gets a run",
  description:
    "The data is checked against the event type's fields (400 naming `data.<field>`; an unknown name is 404). " +
    "Runs are admitted and billed as any run; one refused is named in the event's `note`. " +
    "An event deeper than EVENT_MAX_DEPTH is stored with a note and starts no runs.",
  tag: "Events",
  body: emitEventSchema,
  responses: { 202: { description: "The stored event and the runs it started.", schema: emittedEventSchema } },
  errors: [403, 404, 409],
});

export const getEvent = defineOperation({
  method: "get",
  path: "/api/v1/events/{id}",
  operationId: "getEvent",
  summary: "One event with the runs it started",
  tag: "Events",
  pathParams: { id: "Event id." },
  responses: { 200: { description: "The event.", schema: eventWithRunsSchema } },
  errors: [404],
});

export const receiveWebhook = defineOperation({
  method: "post",
  path: "/api/hooks/{hookId}",
  operationId: "receiveWebhook",
  summary: "An event type's incoming webhook: the body is the event's data",
  description:
    "No API token: sign each delivery with the hook's secret the Standard Webhooks way: `webhook-id`, " +
    "`webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of " +
    "`<webhook-id>.<webhook-timestamp>.<body>`>`, keyed by the base64 after `whsec_`. A timestamp more than " +
    "5 minutes off, a bad signature or a missing header is 401; a webhook-id the hook already took answers " +
    "200 with the first delivery's event and starts nothing. A legacy hook (made before, until rotated) " +
    "takes `?secret=` or `X-LoopLlama-Signature: sha256=<HMAC-SHA256 hex of the body>` instead, and " +
    "`Idempotency-Key` against repeats. 404 on an unknown or disabled hook.",
  tag: "Events",
  auth: false,
  pathParams: { hookId: "The hook id from the webhook's URL (not the event type's id)." },
  query: z.object({
    secret: z.string().optional().describe("Legacy hooks only: the webhook's secret (refused by other hooks)."),
  }),
  headers: [
    {
      name: "webhook-id",
      description: "The delivery's id: a repeat of it answers the first delivery's event.",
      schema: z.string().max(200),
    },
    {
      name: "webhook-timestamp",
      description: "When it was signed, in seconds since the Unix epoch; within 5 minutes of the server's clock.",
      schema: z.string(),
    },
    {
      name: "webhook-signature",
      description:
        "`v1,` and the base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` (several, space separated, while rotating).",
      schema: z.string(),
    },
    {
      name: "X-LoopLlama-Signature",
      description: "Legacy hooks only: `sha256=` and the hex HMAC-SHA256 of the raw body under the secret.",
      schema: z.string(),
    },
    {
      name: "Idempotency-Key",
      description: "Legacy hooks only: same key, same event (a signed delivery is keyed by its webhook-id).",
      schema: z.string().max(200),
    },
  ],
  body: z.record(z.string(), z.unknown()).describe("The event's data."),
  responses: {
    200: { description: "A repeated webhook-id: the first delivery's event and runs.", schema: emittedEventSchema },
    202: { description: "The stored event and the runs it started.", schema: emittedEventSchema },
  },
  errors: [401, 404],
});

export const receiveSensorWebhook = defineOperation({
  method: "post",
  path: "/api/hooks/sensors/{workspace}/{path}",
  operationId: "receiveSensorWebhook",
  summary: "A webhook sensor of the workspace's project: the payload is mapped to its event",
  description:
    "No API token: the sending service signs the delivery its own way, checked with the secret of the credential " +
    "the sensor's `webhook.secret` names: Sentry's `Sentry-Hook-Signature` and Linear's `Linear-Signature` (hex " +
    "HMAC-SHA256 of the body), GitHub's `X-Hub-Signature-256` (`sha256=` and the same). A bad or missing signature " +
    "is 401. The sensor's `map` fills the event's fields from the payload; the event is emitted as any webhook's " +
    "(400 naming `data.<field>` when the mapped data does not fit the event type). A redelivery (by the service's " +
    "delivery id: `Request-ID`, `Linear-Delivery`, `X-GitHub-Delivery`) finds the first event and starts nothing new. " +
    "404 for an unknown workspace or sensor path.",
  tag: "Events",
  auth: false,
  pathParams: {
    workspace: "The workspace's slug.",
    path: "The sensor's `webhook.path` (by default its file name).",
  },
  body: z.record(z.string(), z.unknown()).describe("The sending service's payload."),
  responses: {
    202: { description: "The stored event and the runs it started.", schema: emittedEventSchema },
  },
  errors: [400, 401, 404],
});

export const eventOperations: readonly ApiOperation[] = [
  listEventTypes,
  createEventType,
  getEventType,
  updateEventType,
  deleteEventType,
  rotateEventTypeWebhook,
  disableEventTypeWebhook,
  listEvents,
  emitEvent,
  getEvent,
  receiveWebhook,
  receiveSensorWebhook,
];
