import "server-only";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import type { Scope } from "@/lib/db/tenant";
import type { ListEventsQuery } from "./schemas";
import { eventRunsSelect, eventSelect, serializeEventWithRuns } from "./serialize-event";

/** Events newest first, each with the runs it started; `name` keeps one type's, `sourceRunId` one run's emits. */
export async function listEvents(scope: Scope, query: ListEventsQuery) {
  const rows = await scope.db.event.findMany({
    where: {
      ...(query.name ? { name: query.name } : {}),
      ...(query.sourceRunId ? { sourceRunId: query.sourceRunId } : {}),
      ...afterCursor(query.cursor),
    },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: { ...eventSelect, ...eventRunsSelect },
  });
  return toPage(rows, query.limit, serializeEventWithRuns);
}
