import * as events from "@/lib/api/operations/events";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createEventType } from "@/lib/events/create-event-type";
import { listEventTypes } from "@/lib/events/list-event-types";

export const GET = withWorkspace(events.listEventTypes, async ({ scope }) =>
  json({ data: await listEventTypes(scope) }),
);

export const POST = withWorkspace(events.createEventType, async ({ scope, body }) =>
  json(await createEventType(scope, body), 201),
);
