import "server-only";
import { notFound } from "@/lib/http/errors";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import {
  serializeRunWithSteps,
  TOOL_RESULT_PREVIEW_CHARS,
  type RunRow,
  type StepRow,
  type VersionBudgets,
} from "./serialize-run";
import { sandboxProvidersOf } from "@/lib/sandboxes/connection";
import { inputSize, readStoredInput, type StoredInput } from "./transcript";

type RawStep = Omit<StepRow, "startedAt" | "finishedAt"> & {
  input: StoredInput | null;
  startedAt: string | null;
  finishedAt: string | null;
};
type RawRun = Omit<RunRow, "workflow" | "workflowVersion"> &
  VersionBudgets & {
    budget: unknown;
    workflowName: string;
    version: number;
    steps: RawStep[] | string;
    nodeAgents: unknown;
    runSandboxes: unknown;
  };

export interface GetRunOptions {
  /** Each step's full input (as sent to the model), composed from its recipe. */
  includeInputs?: boolean;
}

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/**
 * A run with its steps; 404 when absent or another workspace's. Clients poll
 * this, so it is one statement: the run, its workflow's name and version, and
 * the steps aggregated in index order (timestamps as UTC ISO strings).
 *
 * A step stores its input as a recipe (its system prompt and references to the
 * run's input and earlier steps), so each step's input is composed here from
 * the rows already read. Without `includeInputs` a step carries only the
 * size of that input, so the response grows linearly with the steps; an input
 * is shown once its step has started.
 */
interface NodeAgent {
  id: string;
  skills: string[] | null;
  sandbox: string | null;
  runtime: "claude-code" | null;
}

/**
 * A node's skills, sandbox and runtime, and how claude-code ran when not through the Claude
 * Agent SDK in the run's sandbox (null: it ran as asked).
 */
function stepAgent(node: NodeAgent, model: string, sandboxed: boolean, runSandboxes: Record<string, string>) {
  const inSandbox = Boolean(node.sandbox && runSandboxes[node.sandbox]);
  const ranAs =
    node.runtime === "claude-code" && !inSandbox
      ? node.sandbox || !sandboxed
        ? `claude-code runs only inside a sandbox, and no sandbox provider is configured: ran as ${model} (Anthropic) with the agent's tools`
        : `claude-code runs only inside a sandbox, and this agent has none: ran as ${model} (Anthropic) with the agent's tools`
      : null;
  return { skills: node.skills ?? [], sandbox: node.sandbox, runtime: node.runtime, ranAs };
}

export async function getRun(scope: Scope, id: string, options: GetRunOptions = {}) {
  const rows = await scope.db.$queryRaw<RawRun[]>`
    SELECT r.id, r."workflowId", r."workflowVersionId", r.status::text AS status, r.input, r.output, r.error, r."errorCode",
      r."errorStepIndex", r.budget, r."stepCount", r.visited, r."inputTokens", r."outputTokens", r."costUsd", r."triggeredBy"::text AS "triggeredBy",
      r."agentId", r."eventId", r."cancelRequestedAt", r."waitingFor", r.sweeps, r."forkedFromId", r."forkedAtStep", r."createdAt", r."startedAt", r."finishedAt",
      w.name AS "workflowName", v.version, v.graph->'budget' AS "graphBudget",
      (SELECT json_agg(json_build_object('id', n->>'id', 'budget', n->'budget'))
        FROM jsonb_array_elements(v.graph->'nodes') n WHERE n ? 'budget') AS "nodeBudgets",
      (SELECT json_agg(json_build_object('id', n->>'id', 'skills', n->'skills', 'sandbox', n->>'sandbox', 'runtime', n->>'runtime'))
        FROM jsonb_array_elements(v.graph->'nodes') n WHERE n ? 'skills' OR n ? 'sandbox' OR n ? 'runtime') AS "nodeAgents",
      r.sandboxes AS "runSandboxes",
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', s.id, 'index', s.index, 'role', s.role, 'model', s.model, 'status', s.status,
          'nodeId', s."nodeId", 'visit', s.visit, 'branch', s.branch, 'data', s.data, 'approval', s.approval, 'reused', s.reused,
          'input', s.input, 'output', s.output, 'error', s.error,
          'inputTokens', s."inputTokens", 'outputTokens', s."outputTokens", 'costUsd', s."costUsd"::float8,
          'attempts', s.attempts, 'interruptions', s.interruptions,
          'startedAt', to_char(s."startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'finishedAt', to_char(s."finishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'toolCalls', COALESCE((
            SELECT json_agg(json_build_object(
              'index', c.index, 'name', c.name, 'arguments', c.arguments,
              'result', left(c.result, ${TOOL_RESULT_PREVIEW_CHARS}::int), 'resultSize', char_length(c.result),
              'error', c.error, 'durationMs', c."durationMs"
            ) ORDER BY c.index)
            FROM "ToolCall" c WHERE c."stepId" = s.id AND ${workspaceFilter(scope, "c")}
          ), '[]'::json)
        ) ORDER BY s.index)
        FROM "Step" s WHERE s."runId" = r.id AND ${workspaceFilter(scope, "s")}
      ), '[]'::json) AS steps
    FROM "Run" r
    JOIN "Workflow" w ON w.id = r."workflowId" AND ${workspaceFilter(scope, "w")}
    JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId" AND ${workspaceFilter(scope, "v")}
    WHERE r.id = ${id} AND ${workspaceFilter(scope, "r")}`;
  const row = rows[0];
  if (!row) throw notFound("Run");
  const { workflowName, version, steps: rawSteps, nodeAgents, runSandboxes, ...run } = row;
  const ranIn = parseJsonColumn<Record<string, string> | null>(runSandboxes) ?? {};
  const steps = parseJsonColumn<RawStep[]>(rawSteps);
  const agents = new Map((parseJsonColumn<NodeAgent[] | null>(nodeAgents) ?? []).map((n) => [n.id, n]));
  const sandboxed = (await sandboxProvidersOf(scope)).length > 0;
  return serializeRunWithSteps({
    ...run,
    workflow: { name: workflowName },
    workflowVersion: { version },
    steps: steps.map(({ input: stored, ...s }) => {
      const input = stored && s.startedAt ? readStoredInput(stored, run.input, steps) : null;
      return {
        ...s,
        ...(options.includeInputs ? { input } : {}),
        ...(s.nodeId && agents.has(s.nodeId)
          ? { agent: stepAgent(agents.get(s.nodeId)!, s.model, sandboxed, ranIn) }
          : {}),
        inputSize: input ? inputSize(input) : null,
        startedAt: toDate(s.startedAt),
        finishedAt: toDate(s.finishedAt),
      };
    }),
  });
}
