import "server-only";
import { env } from "@/lib/env";

export interface EngineConfig {
  /** How often an idle driver looks for work, in ms. */
  pollMs: number;
  /** How long a claimed job stays locked without renewal, in ms. */
  leaseMs: number;
  /** Jobs one driver executes at once (each workspace is further capped by its plan). */
  maxParallel: number;
  /** Claims of a job after its process died holding it, before the job fails for good. */
  maxCrashes: number;
  /** First retry delay of a failed job attempt; doubles each attempt. */
  retryBaseMs: number;
  /** How often a working run refreshes its heartbeat. */
  heartbeatMs: number;
  /** A non-terminal run whose heartbeat is older than this is looked at by the sweep. */
  staleMs: number;
}

let overrides: Partial<EngineConfig> = {};

export function engineConfig(): EngineConfig {
  const e = env();
  return {
    pollMs: e.ENGINE_POLL_MS,
    leaseMs: e.ENGINE_LEASE_MS,
    maxParallel: e.ENGINE_MAX_PARALLEL,
    maxCrashes: e.ENGINE_MAX_CRASHES,
    retryBaseMs: e.ENGINE_RETRY_BASE_MS,
    heartbeatMs: e.RUN_HEARTBEAT_MS,
    staleMs: e.RUN_STALE_MS,
    ...overrides,
  };
}

/** Tests and scripts tune timings without touching the process environment. */
export function setEngineConfig(next: Partial<EngineConfig>): void {
  overrides = { ...overrides, ...next };
}

/**
 * True when events go to an Inngest server (the dev server through INNGEST_DEV,
 * Inngest Cloud or self-hosted through INNGEST_EVENT_KEY); false when the
 * in-process driver runs the functions.
 */
export function usesInngestServer(): boolean {
  const e = env();
  return Boolean(e.INNGEST_DEV || e.INNGEST_EVENT_KEY);
}
