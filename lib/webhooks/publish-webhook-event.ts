import "server-only";
import { randomBytes } from "node:crypto";
import type { Scope } from "@/lib/db/tenant";
import { sendEvent } from "@/lib/engine/send-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BusWebhookEventType } from "./event-types";
import { webhookMessageEvent } from "./events";
import { WEBHOOK_TEST_EVENT, type WebhookEventType } from "./schemas";

/** A message id, sent as `webhook-id`: the same on every attempt, so a receiver drops repeats. */
export const newMessageId = () => `msg_${randomBytes(16).toString("base64url")}`;

export interface WebhookEvent {
  type: WebhookEventType | BusWebhookEventType | typeof WEBHOOK_TEST_EVENT;
  /** What the event is about: its fields go in the body's `data`. */
  data: Record<string, unknown>;
  /** Once per endpoint: publishing the same key again (a retried step, a replay) sends nothing more. */
  key: string;
  /** Messages with one order key are delivered one after another (a run's events, in order). */
  orderKey?: string;
  /** Only this endpoint (a test event); by default every enabled endpoint that lists the type. */
  endpointId?: string;
}

/** The body every endpoint receives: the Standard Webhooks shape `{ type, timestamp, data }`. */
export function webhookBody(type: string, at: Date, workspaceId: string, data: Record<string, unknown>) {
  return { type, timestamp: at.toISOString(), data: { workspaceId, ...data } } as Prisma.InputJsonObject;
}

/**
 * Queues an event for the workspace's endpoints that asked for it: one message
 * per endpoint, each delivered by its own durable job. Cheap when no endpoint
 * listens (one indexed query).
 */
export async function publishWebhookEvent(scope: Scope, event: WebhookEvent): Promise<string[]> {
  const endpoints = await scope.db.webhookEndpoint.findMany({
    where: event.endpointId ? { id: event.endpointId } : { disabledAt: null, events: { has: event.type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return [];
  const now = new Date();
  const body = webhookBody(event.type, now, scope.workspaceId, event.data);
  const created = await scope.db.webhookMessage.createManyAndReturn({
    data: endpoints.map((e) => ({
      id: newMessageId(),
      workspaceId: scope.workspaceId,
      endpointId: e.id,
      eventType: event.type,
      dedupeKey: event.key,
      payload: body,
      nextAttemptAt: now,
    })),
    skipDuplicates: true,
    select: { id: true, endpointId: true },
  });
  await sendEvent(
    created.map((m) => webhookMessageEvent(m.id, scope.workspaceId, `${m.endpointId}:${event.orderKey ?? m.id}`)),
  );
  return created.map((m) => m.id);
}
