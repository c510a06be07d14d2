import type { Prisma } from "@/lib/generated/prisma/client";

export const webhookEndpointSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  disabledAt: true,
  previousSecretUntil: true,
  createdAt: true,
  updatedAt: true,
} as const;

type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointSelect }>;

export function serializeWebhookEndpoint(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    disabled: row.disabledAt !== null,
    previousSecretUntil:
      row.previousSecretUntil && row.previousSecretUntil > new Date() ? row.previousSecretUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const webhookDeliverySelect = {
  id: true,
  eventType: true,
  status: true,
  attempts: true,
  responseStatus: true,
  responseExcerpt: true,
  durationMs: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
  payload: true,
} as const;

type DeliveryRow = Prisma.WebhookMessageGetPayload<{ select: typeof webhookDeliverySelect }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function serializeWebhookDelivery(row: DeliveryRow) {
  return {
    ...row,
    lastAttemptAt: iso(row.lastAttemptAt),
    nextAttemptAt: iso(row.nextAttemptAt),
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
  };
}
