import "server-only";
import { badRequest } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";

/** Every id must name a workflow of this workspace; another workspace's id reads as unknown. */
export async function assertWorkflowsExist(scope: Scope, ids: string[]) {
  const found = await scope.db.workflow.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(found.map((w) => w.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    throw badRequest(`Unknown workflow: ${missing.join(", ")}`, [
      { field: "workflowIds", message: `No workflow ${missing.join(", ")} in this workspace` },
    ]);
  }
}
