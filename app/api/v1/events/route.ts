import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { emitEvent } from "@/lib/events/emit-event";
import { listEvents } from "@/lib/events/list-events";
import { emitEventSchema, listEventsQuerySchema } from "@/lib/events/schemas";

export const GET = withWorkspace(async ({ scope, query }) => json(await listEvents(scope, query)), {
  query: listEventsQuerySchema,
});

/** Emits an event: 202 with the stored event and the runs it started. */
export const POST = withWorkspace(
  async ({ scope, caller, body }) =>
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
  { body: emitEventSchema, permission: "runs.write" },
);
