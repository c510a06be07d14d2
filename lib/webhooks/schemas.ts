import { z } from "zod";
import { paginationQueryShape } from "@/lib/http/pagination";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";

/** The event "send test event" sends; any endpoint receives it, whatever its events. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE = 20;
/** Event types one endpoint may list: ours and the workspace's bus events together. */
export const MAX_WEBHOOK_EVENTS_PER_ENDPOINT = 50;

const url = z
  .url({ protocol: /^https?$/, error: "Use an http or https URL" })
  .max(2000)
  .describe("Where the events are POSTed.");
/** `event.` and an event type's name (EVENT_NAME). */
const BUS_EVENT_TYPE = /^event\.[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const busEventType = z
  .string()
  .regex(BUS_EVENT_TYPE)
  .describe("`event.<name>`: the workspace's own bus event of that type (registered under Events).");
const eventType = z.union([z.enum(WEBHOOK_EVENT_TYPES), busEventType], {
  error: `Use one of ${WEBHOOK_EVENT_TYPES.join(", ")}, or event.<name> for an event type of the workspace`,
});
const events = z
  .array(eventType)
  .min(1, "List at least one event type")
  .max(MAX_WEBHOOK_EVENTS_PER_ENDPOINT, `List at most ${MAX_WEBHOOK_EVENTS_PER_ENDPOINT} event types`)
  .refine((list) => new Set(list).size === list.length, "List each event type once")
  .describe(
    "The event types sent to this endpoint: ours (run.completed, …) and `event.<name>` for the workspace's own bus events.",
  );
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
