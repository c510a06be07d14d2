import "server-only";
import { conflict, notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { wakeApprovals } from "./approvals/wake-approvals";
import { getRun } from "./get-run";

/**
 * Cancels a run. A queued run is cancelled at once (with its pending steps); a
 * running one is asked to stop, and the engine stops at the next step boundary
 * (a run waiting for an approval is woken to stop at once).
 * Both are conditional updates, so a run that moved on meanwhile is not touched;
 * each records `run.cancelled` in its own transaction (a repeated request, which
 * changes nothing, records nothing).
 */
export async function cancelRun(scope: Scope, actor: AuditActor, id: string) {
  const { db } = scope;
  const now = new Date();
  const entry = (status: string) => ({
    action: "run.cancelled" as const,
    target: { type: "run", id },
    details: { status },
  });
  const cancelledQueued = await auditedWrite(
    scope,
    actor,
    async (tx) => {
      const { count } = await tx.run.updateMany({
        where: { id, status: "queued" },
        data: { status: "cancelled", cancelRequestedAt: now, finishedAt: now, error: "Cancelled before it started." },
      });
      if (count > 0)
        await tx.step.updateMany({ where: { runId: id, status: "pending" }, data: { status: "cancelled" } });
      return count > 0;
    },
    (cancelled) => (cancelled ? entry("queued") : null),
  );
  if (cancelledQueued) return getRun(scope, id);

  // A repeated request keeps the first request's time.
  const requested = await auditedWrite(
    scope,
    actor,
    (tx) =>
      tx.run.updateMany({
        where: { id, status: "running", cancelRequestedAt: null },
        data: { cancelRequestedAt: now },
      }),
    ({ count }) => (count > 0 ? entry("running") : null),
  );
  const run = await db.run.findFirst({ where: { id }, select: { status: true, waitingFor: true } });
  if (!run) throw notFound("Run");
  // A run waiting for a person has no step boundary coming: its waits are woken to cancel it now.
  if (requested.count > 0 && run.waitingFor) await wakeApprovals(scope, id);
  // (A run that finished right after accepting the request is returned as it ended.)
  if (run.status !== "running" && requested.count === 0) {
    throw conflict(`Run is already ${run.status}; only queued or running runs can be cancelled.`);
  }
  return getRun(scope, id);
}
