import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { serializeRunWithSteps, type RunRow, type StepRow } from "./serialize-run";

type RawStep = Omit<StepRow, "startedAt" | "finishedAt"> & { startedAt: string | null; finishedAt: string | null };
type RawRun = Omit<RunRow, "workflow" | "workflowVersion"> & {
  workflowName: string;
  version: number;
  steps: RawStep[];
};

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/**
 * A run with its steps; 404 when absent or another workspace's. Clients poll
 * this, so it is one statement: the run, its workflow's name and version, and
 * the steps aggregated in index order (timestamps as UTC ISO strings).
 */
export async function getRun(scope: Scope, id: string) {
  const rows = await scope.db.$queryRaw<RawRun[]>`
    SELECT r.id, r."workflowId", r."workflowVersionId", r.status::text AS status, r.input, r.output, r.error,
      r."errorStepIndex", r."stepCount", r."inputTokens", r."outputTokens", r."costUsd", r."triggeredBy"::text AS "triggeredBy",
      r."agentId", r."cancelRequestedAt", r."createdAt", r."startedAt", r."finishedAt",
      w.name AS "workflowName", v.version,
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', s.id, 'index', s.index, 'role', s.role, 'model', s.model, 'status', s.status,
          'input', s.input, 'output', s.output, 'error', s.error,
          'inputTokens', s."inputTokens", 'outputTokens', s."outputTokens", 'costUsd', s."costUsd"::float8,
          'attempts', s.attempts,
          'startedAt', to_char(s."startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'finishedAt', to_char(s."finishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        ) ORDER BY s.index)
        FROM "Step" s WHERE s."runId" = r.id AND s."workspaceId" = r."workspaceId"
      ), '[]'::json) AS steps
    FROM "Run" r
    JOIN "Workflow" w ON w.id = r."workflowId"
    JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId"
    WHERE r.id = ${id} AND r."workspaceId" = ${scope.workspaceId}`;
  const row = rows[0];
  if (!row) throw notFound("Run");
  const { workflowName, version, steps, ...run } = row;
  return serializeRunWithSteps({
    ...run,
    workflow: { name: workflowName },
    workflowVersion: { version },
    steps: steps.map((s) => ({ ...s, startedAt: toDate(s.startedAt), finishedAt: toDate(s.finishedAt) })),
  });
}
