import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";

export interface EngineEvent {
  name: string;
  data: Record<string, unknown>;
  /** Idempotency id: the same id sent twice starts each function once. */
  id?: string;
}

/**
 * Sends events through the Inngest client: to the Inngest server when one is
 * configured, otherwise (through the client's `fetch`) to the in-process
 * driver's intake. Returns the event ids.
 */
export async function sendEvent(event: EngineEvent | EngineEvent[]): Promise<{ ids: string[] }> {
  const events = (Array.isArray(event) ? event : [event]).map((e) => ({ ...e, id: e.id ?? randomUUID() }));
  if (events.length === 0) return { ids: [] };
  await inngest.send(events);
  return { ids: events.map((e) => e.id) };
}
