import { createHash } from "node:crypto";
import { PermanentModelError, TransientModelError } from "./errors";
import type { ModelRequest } from "./types";

/**
 * Failure directives the local provider obeys when they appear in a system
 * prompt, for demos and tests:
 *   [[simulate:error]]          fails permanently (like a 400), every time
 *   [[simulate:error:<text>]]   the same, with <text> as the message
 *   [[simulate:overloaded:N]]   fails transiently (529 overloaded) N times, then answers
 *   [[simulate:slow:MS]]        waits MS milliseconds before answering
 */
const DIRECTIVE = /\[\[simulate:(error|overloaded|slow)(?::([^\]]*))?\]\]/g;

export interface Directives {
  error?: string;
  overloaded?: number;
  slowMs?: number;
}

export function parseDirectives(system: string): Directives {
  const out: Directives = {};
  for (const m of system.matchAll(DIRECTIVE)) {
    const [, kind, arg] = m;
    if (kind === "error") out.error = arg?.trim() || "Simulated permanent model error ([[simulate:error]])";
    if (kind === "overloaded") out.overloaded = Math.max(0, Number.parseInt(arg ?? "1", 10) || 0);
    if (kind === "slow") out.slowMs = Math.max(0, Number.parseInt(arg ?? "0", 10) || 0);
  }
  return out;
}

// Failures already served per distinct request, so "N times then succeed" holds across retries.
const holder = globalThis as unknown as { loopllamaSimulatedFailures?: Map<string, number> };

function requestKey(req: ModelRequest): string {
  return createHash("sha256")
    .update(JSON.stringify([req.model, req.system, req.messages]))
    .digest("hex");
}

/** Applies the request's directives: sleeps, throws, or lets the call through. */
export async function applyDirectives(req: ModelRequest): Promise<void> {
  const d = parseDirectives(req.system);
  if (d.slowMs) await new Promise((r) => setTimeout(r, d.slowMs));
  if (d.error) throw new PermanentModelError(d.error, 400);
  if (d.overloaded) {
    holder.loopllamaSimulatedFailures ??= new Map();
    const seen = holder.loopllamaSimulatedFailures;
    const key = requestKey(req);
    const served = seen.get(key) ?? 0;
    if (served < d.overloaded) {
      seen.set(key, served + 1);
      throw new TransientModelError(`Overloaded (simulated failure ${served + 1} of ${d.overloaded})`, 529);
    }
  }
}
