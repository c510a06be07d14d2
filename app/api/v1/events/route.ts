import * as events from "@/lib/api/operations/events";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { emitEvent } from "@/lib/events/emit-event";
import { listEvents } from "@/lib/events/list-events";

export const GET = withWorkspace(events.listEvents, async ({ scope, query }) => json(await listEvents(scope, query)));

/** Emits an event: 202 with the stored event and the runs it started. */
export const POST = withWorkspace(events.emitEvent, async ({ scope, caller, body }) =>
  json(
    await emitEvent(scope, {
      name: body.name,
      data: body.data,
      source: "api",
      // Its own namespace: a caller's key cannot take the key of a step's emit (`step:…`) or a webhook's (`hook:…`).
      idempotencyKey: body.idempotencyKey ? `api:${body.idempotencyKey}` : null,
      triggeredById: caller.type === "token" ? caller.tokenId : caller.userId,
    }),
    202,
  ),
);
