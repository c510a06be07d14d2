import * as events from "@/lib/api/operations/events";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { disableWebhook } from "@/lib/events/disable-webhook";
import { rotateWebhook } from "@/lib/events/rotate-webhook";

/** Creates the event type's webhook, or rotates its secret: the secret is in this answer only. */
export const POST = withWorkspace(events.rotateEventTypeWebhook, async ({ scope, params }) =>
  json(await rotateWebhook(scope, params.id!), 201),
);

export const DELETE = withWorkspace(events.disableEventTypeWebhook, async ({ scope, params }) =>
  json(await disableWebhook(scope, params.id!)),
);
