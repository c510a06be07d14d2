import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { claimJob } from "./claim-job";
import { engineConfig, type EngineConfig } from "./config";
import { CronTicker } from "./cron-ticker";
import { executeJob } from "./execute-job";
import { functionId, type AnyFunction } from "./inspect-function";
import { ENGINE_STARTED } from "./events";
import { sendEvent } from "./send-event";
import { onWake } from "./wake";

export interface DriverOptions {
  /** Functions to run; defaults to the app's list in inngest/index.ts. */
  functions?: AnyFunction[];
  config?: Partial<EngineConfig>;
  /** Only claim jobs of these workspaces (tests sharing a database use it). */
  workspaces?: string[];
}

export interface Driver {
  readonly workerId: string;
  /** Look for work now rather than at the next poll. */
  wake(): void;
  /** Stops claiming; resolves once jobs in hand are finished. */
  stop(): Promise<void>;
}

/**
 * The in-process driver: claims EngineJob rows (leases, SKIP LOCKED), runs
 * each with the function's own handler, retries with backoff, fires cron
 * schedules, and on start-up picks up jobs a dead process left behind (their
 * leases expire) and announces `engine/started` so the sweep checks runs.
 */
export async function startDriver(options: DriverOptions = {}): Promise<Driver> {
  const functions = options.functions ?? (await import("@/inngest")).functions;
  const config = { ...engineConfig(), ...options.config };
  const byId = new Map(functions.map((fn) => [functionId(fn), fn]));
  const ids = [...byId.keys()];
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const cron = new CronTicker(functions);
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let ticking = false;
  let again = false;

  const tick = async () => {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    try {
      do {
        again = false;
        await cron.tick();
        while (!stopped && inFlight.size < config.maxParallel) {
          const job = await claimJob(ids, workerId, config.leaseMs, options.workspaces);
          if (!job) break;
          const fn = byId.get(job.functionId)!;
          const p = executeJob(job, fn, workerId, config)
            .catch((err: unknown) => console.error("[engine] job crashed", job.id, err))
            .finally(() => {
              inFlight.delete(p);
              schedule();
            });
          inFlight.add(p);
          if (!job.more) break;
        }
      } while (again && !stopped);
    } catch (err) {
      console.error("[engine] poll failed", err instanceof Error ? err.message : err);
    } finally {
      ticking = false;
    }
  };

  const schedule = () => {
    if (!stopped) setImmediate(() => void tick());
  };
  const timer = setInterval(() => void tick(), config.pollMs);
  timer.unref();
  const unregister = onWake(schedule);

  await sendEvent({ name: ENGINE_STARTED, data: { workerId } });
  schedule();

  return {
    workerId,
    wake: schedule,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unregister();
      while (ticking) await new Promise((r) => setTimeout(r, 5));
      await Promise.all([...inFlight]);
    },
  };
}
