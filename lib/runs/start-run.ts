import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { journalCteFrom } from "@/lib/engine/journal-context";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { crewPrompts } from "./crew-prompts";
import { rememberContext, type RunContext } from "./run-context";

export interface StartedRun {
  /** False when the run had already finished (e.g. cancelled while queued). */
  proceed: boolean;
  status: RunStatus;
  stepCount: number;
  agentTickId: string | null;
}

interface Row {
  status: RunStatus;
  agentTickId: string | null;
  input: string;
  crew: unknown;
  steps: unknown;
}

/** An invalid crew is reported by the step that needs it, as before. */
function crewPromptsOrNull(crew: unknown): string[] | null {
  try {
    return crewPrompts(crew);
  } catch {
    return null;
  }
}

/**
 * Moves a queued run to running (a retried start finds it running and carries
 * on), in one statement that also reads what the agents are built from.
 */
export async function startRun(scope: Scope, runId: string): Promise<StartedRun> {
  const now = new Date();
  // The engine's journal entry for this step is written by the same statement.
  const journal = journalCteFrom(
    Prisma.sql`jsonb_build_object('proceed', res.status = 'running', 'status', res.status,
      'stepCount', json_array_length(res.steps), 'agentTickId', res."agentTickId")`,
    Prisma.sql`res`,
  );
  const rows = await scope.db.$queryRaw<Row[]>`
    WITH started AS (
      UPDATE "Run" SET status = 'running', "startedAt" = ${now}, "heartbeatAt" = ${now}
      WHERE id = ${runId} AND "workspaceId" = ${scope.workspaceId} AND status = 'queued' AND "cancelRequestedAt" IS NULL
      RETURNING id
    ), res AS (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM started) THEN 'running' ELSE r.status::text END AS status,
        r."agentTickId", r.input, v.crew,
        COALESCE((
          SELECT json_agg(json_build_object('id', s.id, 'role', s.role, 'model', s.model) ORDER BY s.index)
          FROM "Step" s WHERE s."runId" = r.id AND s."workspaceId" = r."workspaceId"
        ), '[]'::json) AS steps
      FROM "Run" r JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId"
      WHERE r.id = ${runId} AND r."workspaceId" = ${scope.workspaceId}
    ) ${journal.sql}
    SELECT * FROM res`;
  const run = rows[0];
  if (!run) throw new Error(`Run ${runId} not found`);
  // Drivers may hand json columns back as text.
  const parse = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
  const steps = parse<RunContext["steps"]>(run.steps);
  const proceed = run.status === "running";
  if (proceed) {
    // The first agent starts from here without reading the run again.
    const prompts = crewPromptsOrNull(parse(run.crew));
    if (prompts) rememberContext(scope.workspaceId, runId, { input: run.input, prompts, steps, outputs: [] });
  }
  const result: StartedRun = {
    // A queued run with a cancel request goes straight to finishRun, which cancels it.
    proceed,
    status: run.status,
    stepCount: steps.length,
    agentTickId: run.agentTickId,
  };
  journal.done(result);
  return result;
}
