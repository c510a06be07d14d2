import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { serializeVersion, versionSelect } from "./serialize-version";

/** One version of a workflow, as the version list shows it. */
export async function getVersion({ db }: Scope, workflowId: string, version: number) {
  const workflow = await db.workflow.findFirst({ where: { id: workflowId }, select: { currentVersion: true } });
  if (!workflow) throw notFound("Workflow");
  const row = await db.workflowVersion.findFirst({ where: { workflowId, version }, select: versionSelect });
  if (!row) throw notFound("Version");
  return { ...serializeVersion(row), current: row.version === workflow.currentVersion };
}
