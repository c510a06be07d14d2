import "server-only";
import { notFound } from "@/lib/http/errors";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { readStoredInput, type SourceStep, type StoredInput } from "./transcript";

interface Row {
  index: number;
  input: StoredInput | null;
  startedAt: Date | null;
  runInput: string;
  steps: SourceStep[] | string;
}

/**
 * One step's full input, exactly as sent to the model, composed from its
 * recipe and the rows it references; null until the step starts. 404 when the
 * run or the step is absent or another workspace's.
 */
export async function getStepInput(scope: Scope, runId: string, stepId: string) {
  const rows = await scope.db.$queryRaw<Row[]>`
    SELECT t.index, t.input, t."startedAt", r.input AS "runInput",
      COALESCE((
        SELECT json_agg(json_build_object('index', s.index, 'role', s.role, 'output', s.output) ORDER BY s.index)
        FROM "Step" s WHERE s."runId" = r.id AND ${workspaceFilter(scope, "s")} AND s.index < t.index
      ), '[]'::json) AS steps
    FROM "Step" t JOIN "Run" r ON r.id = t."runId" AND ${workspaceFilter(scope, "r")}
    WHERE t.id = ${stepId} AND t."runId" = ${runId} AND ${workspaceFilter(scope, "t")}`;
  const row = rows[0];
  if (!row) throw notFound("Step");
  const input =
    row.input && row.startedAt
      ? readStoredInput(row.input, row.runInput, parseJsonColumn<SourceStep[]>(row.steps))
      : null;
  return { id: stepId, index: row.index, input };
}
