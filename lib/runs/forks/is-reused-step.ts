import "server-only";
import type { Scope } from "@/lib/db/tenant";

/** Whether step `index` of the run was copied from the run it was forked from. */
export async function isReusedStep({ scope, runId }: { scope: Scope; runId: string }, index: number): Promise<boolean> {
  const step = await scope.db.step.findFirst({ where: { runId, index }, select: { reused: true } });
  return step?.reused ?? false;
}
