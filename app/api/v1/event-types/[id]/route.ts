import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteEventType } from "@/lib/events/delete-event-type";
import { getEventType } from "@/lib/events/get-event-type";
import { updateEventTypeSchema } from "@/lib/events/schemas";
import { updateEventType } from "@/lib/events/update-event-type";

export const GET = withWorkspace(async ({ scope, params }) => json(await getEventType(scope, params.id!)));

export const PATCH = withWorkspace(
  async ({ scope, params, body }) => json(await updateEventType(scope, params.id!, body)),
  { body: updateEventTypeSchema, permission: "workflows.write" },
);

export const DELETE = withWorkspace(async ({ scope, params }) => json(await deleteEventType(scope, params.id!)), {
  permission: "workflows.write",
});
