import "server-only";
import { db } from "@/lib/db/client";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { MAX_RUN_SWEEPS, type RunSweep } from "./run-sweep-schema";

/** Appends what the sweep did to the run's `sweeps`, keeping the latest MAX_RUN_SWEEPS. */
export async function recordSweep(run: { id: string; workspaceId: string }, sweep: RunSweep): Promise<void> {
  const row = await db.run.findFirst({
    where: { id: run.id, workspaceId: run.workspaceId },
    select: { sweeps: true },
  });
  if (!row) return;
  const sweeps = [...(parseJsonColumn<RunSweep[] | null>(row.sweeps) ?? []), sweep].slice(-MAX_RUN_SWEEPS);
  await db.run.updateMany({
    where: { id: run.id, workspaceId: run.workspaceId },
    data: { sweeps },
  });
}
