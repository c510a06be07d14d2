import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { toModelRef } from "@/lib/models/model-ref";
import type { RunWaitingFor } from "./waiting-for-schema";

/**
 * A working step whose model call waits to be made again: for its provider's
 * rate limit (a 429) or after another transient error, until a time.
 */
export async function modelRetryWait(scope: Scope, runId: string): Promise<RunWaitingFor | null> {
  const step = await scope.db.step.findFirst({
    where: { runId, status: "running", retryAt: { gt: new Date() } },
    select: { index: true, role: true, model: true, retryAt: true, retryStatus: true },
    orderBy: { retryAt: "desc" },
  });
  if (!step?.retryAt) return null;
  const { provider } = toModelRef(step.model);
  const until = step.retryAt.toISOString();
  const who = `Step ${step.index + 1} (${step.role})`;
  if (step.retryStatus === 429) {
    return {
      reason: "rate_limit",
      message: `${who} waits for ${provider}'s rate limit: its model call is made again at ${until}.`,
      until,
      position: null,
      provider,
    };
  }
  const status = step.retryStatus ? ` (HTTP ${step.retryStatus})` : "";
  return {
    reason: "retry",
    message: `${who}: its model call failed${status} and is made again at ${until}.`,
    until,
    position: null,
    provider,
  };
}
