/* Event shapes as the dashboard reads them from /api/v1, read off the API's schemas (dates are ISO strings). */
import type { z } from "zod";
import type {
  emittedEventSchema,
  eventRunSchema,
  eventSourceSchema,
  eventTypeSchema,
  eventWithRunsSchema,
  webhookSecretSchema,
} from "@/lib/events/schemas";

/** An event type as GET /api/v1/event-types returns it. */
export type EventType = z.output<typeof eventTypeSchema>;
export type EventSource = z.output<typeof eventSourceSchema>;
export type EventRun = z.output<typeof eventRunSchema>;
/** A stored event with the runs it started. */
export type BusEvent = z.output<typeof eventWithRunsSchema>;
/** POST /api/v1/events: the stored event and the runs it started. */
export type EmittedEvent = z.output<typeof emittedEventSchema>;
/** POST /api/v1/event-types/{id}/webhook: the secret appears here only. */
export type WebhookSecret = z.output<typeof webhookSecretSchema>;
