import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createEventType } from "@/lib/events/create-event-type";
import { listEventTypes } from "@/lib/events/list-event-types";
import { createEventTypeSchema } from "@/lib/events/schemas";

export const GET = withWorkspace(async ({ scope }) => json({ data: await listEventTypes(scope) }));

export const POST = withWorkspace(async ({ scope, body }) => json(await createEventType(scope, body), 201), {
  body: createEventTypeSchema,
  permission: "workflows.write",
});
