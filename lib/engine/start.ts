import "server-only";
import type { InngestFunction } from "inngest";
import { inngest } from "@/inngest/client";
import { env } from "@/lib/env";
import { mountApp } from "./app";
import { usesInngestServer } from "./config";
import { startDriver, type Driver } from "./driver";
import { serveEndpointWarning } from "./serve-endpoint-open";

// One driver per process: Next bundles route handlers and the instrumentation hook separately, so it
// lives on globalThis, which TypeScript types without this field (hence the cast).
const holder = globalThis as unknown as { loopllamaDriver?: Promise<Driver | null> };

/**
 * Starts the engine once per process with the app's functions (instrumentation
 * hands over inngest/index.ts's list). With an Inngest server configured it
 * does nothing: the server calls /api/inngest. Otherwise the functions are
 * mounted (events sent through the Inngest client start them) and, unless
 * ENGINE_DISABLED=1 or there is no database (as in `next build`), the
 * in-process driver runs them. Returns the driver, or null when not started.
 */
export function startEngine(functions: InngestFunction.Any[]): Promise<Driver | null> {
  holder.loopllamaDriver ??= (async () => {
    const warning = serveEndpointWarning(inngest);
    if (warning) console.warn(warning);
    if (usesInngestServer()) return null;
    if (!process.env.DATABASE_URL || process.env.NEXT_PHASE === "phase-production-build") return null;
    if (env().ENGINE_DISABLED === "1") {
      await mountApp(functions);
      return null;
    }
    const driver = await startDriver({ functions });
    console.info(`[engine] in-process driver ${driver.workerId} started`);
    return driver;
  })().catch((err: unknown) => {
    console.error("[engine] could not start the in-process driver:", err instanceof Error ? err.message : err);
    holder.loopllamaDriver = undefined;
    return null;
  });
  return holder.loopllamaDriver;
}
