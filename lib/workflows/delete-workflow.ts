import "server-only";
import { conflict, notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";

/**
 * Deletes a workflow with its versions and finished runs; the usage events of
 * those runs stay (their run link is cleared), so month totals do not change.
 * Refused with 409 while a run of it is queued or running: that run still has
 * to settle and record its usage. The workflow row is locked first, so a run
 * being created at the same moment either is seen here or finds no workflow.
 */
export async function deleteWorkflow({ db, workspaceId }: Scope, id: string) {
  await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Workflow" WHERE id = ${id} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("Workflow");
    const active = await tx.run.count({ where: { workflowId: id, status: { in: ["queued", "running"] } } });
    if (active > 0) {
      throw conflict(
        `This workflow has ${active} queued or running run(s); cancel them or wait until they end, then delete it.`,
        { activeRuns: active },
      );
    }
    await tx.workflow.deleteMany({ where: { id } });
  });
}
