import "server-only";
import { env } from "@/lib/env";
import { usesInngestServer } from "./config";
import { startDriver, type Driver } from "./driver";

const holder = globalThis as unknown as { loopllamaDriver?: Promise<Driver | null> };

/**
 * Starts the in-process driver once per process, unless an Inngest server is
 * configured (it then calls /api/inngest), ENGINE_DISABLED=1, or there is no
 * database (as in `next build`). Returns the driver, or null when not started.
 */
export function startEngineIfLocal(): Promise<Driver | null> {
  holder.loopllamaDriver ??= (async () => {
    if (env().ENGINE_DISABLED === "1" || usesInngestServer()) return null;
    if (!process.env.DATABASE_URL || process.env.NEXT_PHASE === "phase-production-build") return null;
    const driver = await startDriver();
    console.info(`[engine] in-process driver ${driver.workerId} started`);
    return driver;
  })().catch((err: unknown) => {
    console.error("[engine] could not start the in-process driver:", err instanceof Error ? err.message : err);
    holder.loopllamaDriver = undefined;
    return null;
  });
  return holder.loopllamaDriver;
}
