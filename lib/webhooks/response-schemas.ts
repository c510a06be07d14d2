import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/** Shapes of the webhook endpoints API's answers: pure zod, read by the server and the dashboard alike. */

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    disabled: z.boolean(),
    /** Until when the secret before the last rotation still signs beside the new one. */
    previousSecretUntil: dateTimeSchema.nullable(),
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({ id: "WebhookEndpoint", description: "An outgoing webhook endpoint (never its secret)." });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({
    secret: z
      .string()
      .startsWith("whsec_")
      .describe("The Standard Webhooks signing secret: shown here once, never again."),
  })
  .meta({ id: "WebhookEndpointWithSecret" });

export const webhookDeliverySchema = z
  .object({
    id: z.string().describe("The message's webhook-id header, the same on every attempt."),
    eventType: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.int(),
    responseStatus: z.int().nullable().describe("The last attempt's HTTP status; null for a network error."),
    responseExcerpt: z.string().nullable().describe("The start of the last response body, or the network error."),
    durationMs: z.int().nullable(),
    lastAttemptAt: dateTimeSchema.nullable(),
    nextAttemptAt: dateTimeSchema.nullable(),
    deliveredAt: dateTimeSchema.nullable(),
    createdAt: dateTimeSchema,
    payload: z.unknown().describe("The body sent."),
  })
  .meta({ id: "WebhookDelivery", description: "One event sent to an endpoint, with how its attempts went." });

export type WebhookEndpoint = z.output<typeof webhookEndpointSchema>;
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;
