import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { InngestFunction } from "inngest";
import { outsideRequest } from "@/lib/http/request-span";
import { mountApp } from "./app";
import { claimJobs } from "./claim-job";
import { engineConfig, type EngineConfig } from "./config";
import { CronTicker } from "./cron-ticker";
import { ENGINE_STARTED } from "./events";
import { enqueueEvents } from "./intake";
import { runJob } from "./run-job";
import { onWake } from "./wake";

/** Most jobs one claim statement takes, so a large free capacity is filled in a few round trips. */
const CLAIM_BATCH = 50;

export interface DriverOptions {
  /** The functions to run (the app's list is inngest/index.ts); served through the SDK's serve handler. */
  functions: InngestFunction.Any[];
  config?: Partial<EngineConfig>;
  /** Only claim jobs of these workspaces (tests sharing a database use it). */
  workspaces?: string[];
}

export interface Driver {
  readonly workerId: string;
  /** How many jobs this driver is executing now. */
  inFlight(): number;
  /** Look for work now rather than at the next poll. */
  wake(): void;
  /** Stops claiming; resolves once jobs in hand are finished. */
  stop(): Promise<void>;
}

/**
 * The in-process driver: an Inngest server in miniature. It serves the
 * functions through the SDK's serve endpoint and reads their registration from
 * it; claims EngineJob rows (leases, fair across workspaces, each function's
 * registered concurrency); runs each through the endpoint's HTTP protocol
 * (run-job); fires cron triggers; and on start-up announces `engine/started`
 * so the sweep checks runs a dead process left (their leases expire and any
 * driver picks them up).
 */
export async function startDriver(options: DriverOptions): Promise<Driver> {
  const config = { ...engineConfig(), ...options.config };
  const app = await mountApp(options.functions);
  const byId = new Map(app.functions.map((fn) => [fn.id, fn]));
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const cron = new CronTicker(app.functions);
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
          const jobs = await claimJobs({
            functions: app.functions,
            workerId,
            leaseMs: config.leaseMs,
            max: Math.min(CLAIM_BATCH, config.maxParallel - inFlight.size),
            keys: options.workspaces,
          });
          for (const job of jobs) {
            const p = runJob(job, { app, fn: byId.get(job.functionId)!, config })
              .catch((err: unknown) => console.error("[engine] job crashed", job.id, err))
              .finally(() => {
                inFlight.delete(p);
                schedule();
              });
            inFlight.add(p);
          }
          if (jobs.length < CLAIM_BATCH) break;
        }
      } while (again && !stopped);
    } catch (err) {
      console.error("[engine] poll failed", err instanceof Error ? err.message : err);
    } finally {
      ticking = false;
    }
  };

  const schedule = () => {
    // A request that enqueued a job wakes the driver; the job's work is not that request's.
    if (!stopped) outsideRequest(() => setImmediate(() => void tick()));
  };
  const timer = setInterval(() => void tick(), config.pollMs);
  timer.unref();
  const unregister = onWake(schedule);

  await enqueueEvents([{ name: ENGINE_STARTED, data: { workerId } }]);
  schedule();

  return {
    workerId,
    inFlight: () => inFlight.size,
    wake: schedule,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unregister();
      while (ticking) await new Promise((r) => setTimeout(r, 5));
      await Promise.all([...inFlight]);
      app.unmount();
    },
  };
}
