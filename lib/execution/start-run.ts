import "server-only";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import type { Graph } from "@/lib/workflows/graph/types";
import type { NodeOverrides } from "@/lib/runs/forks/fork-schemas";
import { withOverrides } from "@/lib/runs/forks/with-overrides";
import type { RunnableNode } from "./execute-visit";

export interface StartedRun {
  /** False when the run had already finished (e.g. cancelled while queued). */
  proceed: boolean;
  status: RunStatus;
  stepCount: number;
  agentTickId: string | null;
  /** A graph run's pinned graph, each node's model resolved; null for a crew run. */
  graph: RunnableGraph | null;
}

export type RunnableGraph = Omit<Graph, "nodes"> & { nodes: RunnableNode[] };

interface Row {
  status: RunStatus;
  agentTickId: string | null;
  stepCount: number;
  graph: unknown;
  model: string;
  overrides: { nodes: NodeOverrides } | null;
}

/** A fork runs its graph with its node overrides (lib/runs/forks). */
function forked(graph: Graph | null, overrides: Row["overrides"]): Graph | null {
  return graph && overrides ? withOverrides(graph, parseJsonColumn<Row["overrides"]>(overrides)?.nodes) : graph;
}

function runnableGraph(graph: Graph | null, model: string): RunnableGraph | null {
  if (!graph) return null;
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, model: n.model ?? model })) };
}

/**
 * Moves a queued run to running; a retried start finds it running and carries
 * on. One statement: the update, and the run as it stands after it. A queued
 * run with a cancel request is not started: it goes straight to finishRun,
 * which cancels it.
 */
export async function startRun(scope: Scope, runId: string): Promise<StartedRun> {
  const now = new Date();
  const rows = await scope.db.$queryRaw<Row[]>`
    WITH started AS (
      UPDATE "Run" SET status = 'running', "startedAt" = ${now}, "heartbeatAt" = ${now}
      WHERE id = ${runId} AND ${workspaceFilter(scope)} AND status = 'queued' AND "cancelRequestedAt" IS NULL
      RETURNING id
    )
    SELECT CASE WHEN EXISTS (SELECT 1 FROM started) THEN 'running' ELSE r.status::text END AS status,
      r."agentTickId", r."stepCount", v.graph, w.model, r.overrides
    FROM "Run" r
    JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId" AND ${workspaceFilter(scope, "v")}
    JOIN "Workflow" w ON w.id = r."workflowId" AND ${workspaceFilter(scope, "w")}
    WHERE r.id = ${runId} AND ${workspaceFilter(scope, "r")}`;
  const run = rows[0];
  if (!run) throw new Error(`Run ${runId} not found`);
  return {
    proceed: run.status === "running",
    status: run.status,
    stepCount: run.stepCount,
    agentTickId: run.agentTickId,
    graph: runnableGraph(forked(storedGraph(parseJsonColumn(run.graph)), run.overrides), run.model),
  };
}
