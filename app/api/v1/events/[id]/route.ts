import * as events from "@/lib/api/operations/events";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getEvent } from "@/lib/events/get-event";

export const GET = withWorkspace(events.getEvent, async ({ scope, params }) => json(await getEvent(scope, params.id!)));
