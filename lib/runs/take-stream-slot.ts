import "server-only";
import { tooManyRequests } from "@/lib/http/errors";
import type { Caller } from "@/lib/auth/caller";
import { env } from "@/lib/env";

/** Open run event streams per caller in this process. */
const open = new Map<string, number>();

/** How long a refused caller is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

function callerKey(caller: Caller): string {
  return caller.type === "token" ? `token:${caller.tokenId}` : `user:${caller.userId}`;
}

/**
 * Counts an event stream against its caller (user or API token): past
 * RUN_STREAMS_PER_CALLER open streams it is a 429 with Retry-After. Returns the
 * function that gives the slot back (once, however often it is called).
 */
export function takeStreamSlot(caller: Caller): () => void {
  const key = callerKey(caller);
  const limit = env().RUN_STREAMS_PER_CALLER;
  const held = open.get(key) ?? 0;
  if (held >= limit) {
    throw tooManyRequests(
      `You have ${held} run event streams open; the limit is ${limit}. Close one, or poll GET /api/v1/runs/{id}.`,
      RETRY_AFTER_SECONDS,
    );
  }
  open.set(key, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(key) ?? 1) - 1;
    if (left > 0) open.set(key, left);
    else open.delete(key);
  };
}
