import "server-only";
import { notFound } from "@/lib/http/errors";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import type { Scope } from "@/lib/db/tenant";
import { serializeVersion, versionSelect } from "./serialize-version";

/** A workflow's crew versions, newest first. */
export async function listVersions({ db }: Scope, workflowId: string, page: { limit: number; cursor?: string }) {
  const workflow = await db.workflow.findFirst({ where: { id: workflowId }, select: { currentVersion: true } });
  if (!workflow) throw notFound("Workflow");
  const rows = await db.workflowVersion.findMany({
    where: { AND: [{ workflowId }, afterCursor(page.cursor)] },
    orderBy: newestFirst,
    take: page.limit + 1,
    select: versionSelect,
  });
  return toPage(rows, page.limit, (row) => ({
    ...serializeVersion(row),
    current: row.version === workflow.currentVersion,
  }));
}
