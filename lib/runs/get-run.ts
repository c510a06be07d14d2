import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { runWithStepsSelect, serializeRunWithSteps } from "./serialize-run";

/** A run with its steps; 404 when absent or another workspace's. */
export async function getRun({ db }: Scope, id: string) {
  const run = await db.run.findFirst({ where: { id }, select: runWithStepsSelect });
  if (!run) throw notFound("Run");
  return serializeRunWithSteps(run);
}
