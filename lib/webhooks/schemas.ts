import { z } from "zod";
import { paginationQueryShape } from "@/lib/http/pagination";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";

/** The event "send test event" sends; any endpoint receives it, whatever its events. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE = 20;

const url = z
  .url({ protocol: /^https?$/, error: "Use an http or https URL" })
  .max(2000)
  .describe("Where the events are POSTed.");
const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "List at least one event type")
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, "List each event type once")
  .describe("The event types sent to this endpoint.");
const description = z.string().max(200).describe("A note for the people who read the list.");

export const createWebhookEndpointSchema = z
  .strictObject({ url, events, description: description.optional() })
  .meta({ id: "CreateWebhookEndpoint" });
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    disabled: z.boolean().optional().describe("true stops deliveries to the endpoint; false resumes them."),
  })
  .meta({ id: "UpdateWebhookEndpoint" });
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;

export const listWebhookDeliveriesQuery = z.object({ ...paginationQueryShape });
