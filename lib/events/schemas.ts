import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { paginationQueryShape } from "@/lib/http/pagination";
import { runStatusSchema } from "@/lib/workflows/run-status";
import { eventFieldsSchema, eventNameSchema, refusingProtoKey } from "./field-types";

export const MAX_EVENT_TYPES_PER_WORKSPACE = 100;
/** Characters of an event's data as JSON; it becomes the input of the runs it starts. */
export const MAX_EVENT_DATA_CHARS = 32_000;
export const MAX_EVENT_DESCRIPTION_CHARS = 500;

export const createEventTypeSchema = z
  .strictObject({
    name: eventNameSchema,
    fields: eventFieldsSchema,
    description: z.string().max(MAX_EVENT_DESCRIPTION_CHARS).optional(),
  })
  .meta({ id: "CreateEventType" });
export type CreateEventTypeInput = z.infer<typeof createEventTypeSchema>;

export const updateEventTypeSchema = z
  .strictObject({
    name: eventNameSchema.optional(),
    fields: eventFieldsSchema.optional(),
    description: z.string().max(MAX_EVENT_DESCRIPTION_CHARS).nullable().optional(),
  })
  .meta({ id: "UpdateEventType" });
export type UpdateEventTypeInput = z.infer<typeof updateEventTypeSchema>;

export const eventTypeSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    fields: z.record(z.string(), z.string()),
    description: z.string().nullable(),
    webhook: z.strictObject({
      enabled: z.boolean(),
      url: z.string().optional().describe("POST the event's data here, signed with the hook's secret."),
      scheme: z
        .enum(["standard", "legacy"])
        .optional()
        .describe(
          "standard: Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature), each id taken once. legacy (hooks made before): ?secret= or X-LoopLlama-Signature over the body alone, which a captured delivery replays; rotating moves the hook to standard.",
        ),
    }),
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({ id: "EventType", description: "A typed event workflows start on and steps emit." });

export const webhookSecretSchema = z
  .strictObject({
    url: z.string().describe("The hook's address; it names the event type without revealing its id."),
    secret: z
      .string()
      .describe(
        "Shown once: `whsec_` and the base64 of the HMAC key that signs deliveries the Standard Webhooks way (webhook-signature: v1,<base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`>).",
      ),
    eventType: eventTypeSchema,
  })
  .meta({ id: "WebhookSecret" });

export const emitEventSchema = z
  .strictObject({
    name: eventNameSchema,
    data: refusingProtoKey(z.record(z.string(), z.unknown()), "Not a field").describe(
      "The event's fields, checked against its type.",
    ),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Same key, same event: a retried request stores one event and starts its runs once."),
  })
  .meta({ id: "EmitEvent" });

export const eventSourceSchema = z.enum(["api", "webhook", "step", "cron"]);

export const eventRunSchema = z.strictObject({
  id: z.string(),
  workflowId: z.string(),
  workflowName: z.string(),
  status: runStatusSchema,
});

const eventFields = {
  id: z.string(),
  name: z.string(),
  data: z.record(z.string(), z.unknown()),
  source: eventSourceSchema,
  sourceRunId: z.string().nullable().describe("The run whose step emitted it (source `step`)."),
  depth: z.number().int().describe("0 from outside; one more per emit hop."),
  note: z.string().nullable().describe("Why it started no runs (or not every run), when it did not."),
  createdAt: dateTimeSchema,
};

export const eventSchema = z.strictObject(eventFields).meta({ id: "Event" });

export const eventWithRunsSchema = z
  .strictObject({ ...eventFields, runs: z.array(eventRunSchema) })
  .meta({ id: "EventWithRuns" });

export const emittedEventSchema = z
  .strictObject({ event: eventSchema, runs: z.array(eventRunSchema) })
  .meta({ id: "EmittedEvent" });

export const listEventsQuerySchema = z.object({
  ...paginationQueryShape,
  name: eventNameSchema.optional().describe("Only events of this type."),
  sourceRunId: z.string().max(100).optional().describe("Only events this run's steps emitted."),
});
export type ListEventsQuery = z.infer<typeof listEventsQuerySchema>;
