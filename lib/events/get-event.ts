import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { eventRunsSelect, eventSelect, serializeEventWithRuns } from "./serialize-event";

/** One event with the runs it started; 404 when absent or another workspace's. */
export async function getEvent(scope: Scope, id: string) {
  const row = await scope.db.event.findFirst({ where: { id }, select: { ...eventSelect, ...eventRunsSelect } });
  if (!row) throw notFound("Event");
  return serializeEventWithRuns(row);
}
