import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { usesInngestServer } from "./config";
import { concurrencyKeyFor, functionId, triggeredBy, type AnyFunction } from "./inspect-function";
import { wakeDrivers } from "./wake";

export interface EngineEvent {
  name: string;
  data: Record<string, unknown>;
  /** Idempotency id: the same id sent twice starts each function once. */
  id?: string;
}

/**
 * Sends an event to whatever runs our functions: the Inngest server when one is
 * configured, otherwise the in-process driver (one EngineJob per function the
 * event triggers). Returns the event ids.
 */
export async function sendEvent(event: EngineEvent | EngineEvent[]): Promise<{ ids: string[] }> {
  const events = (Array.isArray(event) ? event : [event]).map((e) => ({ ...e, id: e.id ?? randomUUID() }));
  if (events.length === 0) return { ids: [] };
  if (usesInngestServer()) {
    await inngest.send(events);
    return { ids: events.map((e) => e.id) };
  }
  await enqueueLocal(events);
  return { ids: events.map((e) => e.id) };
}

// Imported lazily, once: the function list imports modules that send events,
// and a dynamic import costs a loader round trip on every call.
let functionList: Promise<AnyFunction[]> | undefined;

async function enqueueLocal(events: Required<EngineEvent>[]): Promise<void> {
  functionList ??= import("@/inngest").then(
    (m) => m.functions,
    (err: unknown) => {
      functionList = undefined;
      throw err;
    },
  );
  const functions = await functionList;
  const now = new Date();
  const rows: Prisma.Sql[] = [];
  for (const e of events) {
    for (const fn of functions) {
      if (!triggeredBy(fn, e.name)) continue;
      const key = concurrencyKeyFor(fn, e.data);
      rows.push(
        Prisma.sql`(${randomUUID()}, ${functionId(fn)}, ${e.name}, ${e.id}, ${JSON.stringify(e.data)}::jsonb, ${key}, ${now}, ${now})`,
      );
    }
  }
  if (rows.length === 0) return;
  // One statement (createMany would wrap itself in a transaction: three round trips).
  // (functionId, eventId) is unique: a repeated event id enqueues nothing new.
  await db.$executeRaw`
    INSERT INTO "EngineJob" (id, "functionId", "eventName", "eventId", data, "concurrencyKey", "runAt", "createdAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("functionId", "eventId") DO NOTHING`;
  wakeDrivers();
}
