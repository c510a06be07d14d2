import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { ModelRetry } from "@/lib/models/complete";

/**
 * Writes on step `stepId` when its model call waits to try again after a
 * transient error (a 429 is the provider's rate limit), so the run says what
 * it waits for and until when; `clear` removes it once the call has ended.
 * A note that cannot be written never fails the call.
 */
export function modelRetryNote(scope: Scope, stepId: string) {
  let noted = false;
  const write = async (data: { retryAt: Date | null; retryStatus: number | null }) => {
    try {
      await scope.db.step.updateMany({ where: { id: stepId }, data });
    } catch (err) {
      console.error("[run] could not note a model retry", stepId, err instanceof Error ? err.message : err);
    }
  };
  return {
    onRetry: async (retry: ModelRetry) => {
      noted = true;
      await write({ retryAt: retry.at, retryStatus: retry.error.status ?? null });
    },
    clear: async () => {
      if (noted) await write({ retryAt: null, retryStatus: null });
      noted = false;
    },
  };
}
