import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendEvent } from "@/lib/engine/send-event";
import { APPROVAL_SETTLED } from "./events";

/**
 * Wakes the engine's waits on a run's waiting approval steps (after a cancel
 * request): each settle step then finds the request and cancels its step.
 */
export async function wakeApprovals(scope: Scope, runId: string): Promise<void> {
  const steps = await scope.db.step.findMany({
    where: { runId, status: "running", NOT: { approval: { equals: Prisma.AnyNull } } },
    select: { index: true },
  });
  await sendEvent(steps.map((s) => ({ name: APPROVAL_SETTLED, data: { runId, index: s.index } })));
}
