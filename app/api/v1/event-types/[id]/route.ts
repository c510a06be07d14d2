import * as events from "@/lib/api/operations/events";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteEventType } from "@/lib/events/delete-event-type";
import { getEventType } from "@/lib/events/get-event-type";
import { updateEventType } from "@/lib/events/update-event-type";

export const GET = withWorkspace(events.getEventType, async ({ scope, params }) =>
  json(await getEventType(scope, params.id!)),
);

export const PATCH = withWorkspace(events.updateEventType, async ({ scope, params, body }) =>
  json(await updateEventType(scope, params.id!, body)),
);

export const DELETE = withWorkspace(events.deleteEventType, async ({ scope, params }) =>
  json(await deleteEventType(scope, params.id!)),
);
