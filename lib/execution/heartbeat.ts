import "server-only";
import type { Scope } from "@/lib/db/tenant";

/** Marks the run as alive now; the sweep treats runs with an old heartbeat as dead. */
export async function touchRun(scope: Scope, runId: string): Promise<void> {
  await scope.db.run.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { heartbeatAt: new Date() },
  });
}

/** Refreshes the run's heartbeat every `everyMs` until the returned stop function is called. */
export function keepAlive(scope: Scope, runId: string, everyMs: number): () => void {
  const timer = setInterval(() => {
    touchRun(scope, runId).catch(() => {
      // A missed beat is harmless; the next one or the step's own writes refresh it.
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
