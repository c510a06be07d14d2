import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";

/** Deletes a workflow with its versions and runs. */
export async function deleteWorkflow({ db }: Scope, id: string) {
  const { count } = await db.workflow.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Workflow");
}
