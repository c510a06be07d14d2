import "server-only";
import { AppError } from "@/lib/http/errors";
import { assertEventReferences, type ProposedEventTypes } from "@/lib/events/assert-event-references";
import { assertToolsConfigured } from "@/lib/tools/assert-tools-configured";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope, TenantTx } from "@/lib/db/tenant";
import { assertModelCredentials, modelFieldsOf } from "./assert-model-credentials";
import { defaultCrew } from "./default-crew";
import { expandSugar } from "./graph/expand-sugar";
import { parseGraph } from "./graph/parse-graph";
import { graphJson } from "./graph/graph-json";
import type { Graph } from "./graph/types";
import { MAX_WORKFLOWS_PER_WORKSPACE, type CreateWorkflowInput } from "./schemas";
import { serializeWorkflow, versionContent, workflowSelect } from "./serialize-workflow";
import { nextTriggerAt } from "./triggers/next-trigger-at";

/**
 * The graph a create request describes: `graph` as sent, or sugar (`chain`,
 * `route`, `parallel`) expanded and checked like a saved graph; null for a crew.
 */
function requestedGraph(input: CreateWorkflowInput): Graph | null {
  if (input.graph) return input.graph;
  const expanded = expandSugar(input);
  return expanded ? parseGraph(expanded) : null;
}

/** Who made a workflow: a person (or token), or Loopi from a chat. */
export interface WorkflowAuthor {
  createdById: string | null;
  createdBy?: "user" | "loopi";
  chatId?: string | null;
  /** Who created it, for the audit log; left out, the user who created it (or the system). */
  actor?: AuditActor;
}

/**
 * The graph or crew a create request saves, after the checks that read the
 * workspace (model credentials, tools, event types, counting `proposedEvents`
 * as existing); throws the first problem.
 */
export async function prepareWorkflow(scope: Scope, input: CreateWorkflowInput, proposedEvents?: ProposedEventTypes) {
  const graph = requestedGraph(input);
  const crew = graph ? null : (input.crew ?? defaultCrew());
  // Sugar is checked as the graph it expands to, so its fields are named `graph.nodes.N.model`.
  await assertModelCredentials(scope, [{ field: "model", model: input.model }, ...modelFieldsOf({ crew, graph })]);
  if (graph) await assertToolsConfigured(scope, graph.nodes, "graph.nodes");
  if (graph) await assertEventReferences(scope, graph, "graph", proposedEvents);
  else await assertToolsConfigured(scope, crew!, "crew");
  return { graph, crew };
}

/** Inserts a prepared workflow and its version 1 inside the caller's transaction. */
export async function insertWorkflow(
  tx: TenantTx,
  workspaceId: string,
  input: CreateWorkflowInput,
  { graph, crew }: Awaited<ReturnType<typeof prepareWorkflow>>,
  by: WorkflowAuthor,
) {
  if ((await tx.workflow.count()) >= MAX_WORKFLOWS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_WORKFLOWS_PER_WORKSPACE} workflows; delete one first.`,
    );
  }
  const workflow = await tx.workflow.create({
    data: {
      workspaceId,
      name: input.name,
      description: input.description ?? null,
      model: input.model,
      status: input.status,
      currentVersion: 1,
      nextTriggerAt: nextTriggerAt(graph, input.status ?? "active", null),
      createdBy: by.createdBy ?? "user",
      chatId: by.chatId ?? null,
    },
    select: workflowSelect,
  });
  await tx.workflowVersion.create({
    data: {
      workspaceId,
      workflowId: workflow.id,
      version: 1,
      ...(graph ? { graph: graphJson(graph) } : { crew: crew!, responseTone: input.responseTone ?? null }),
      source: "user",
      createdById: by.createdById,
    },
  });
  const actor: AuditActor =
    by.actor ?? (by.createdById ? { type: "user", id: by.createdById } : { type: "system", id: null });
  await appendAuditEntry(tx, workspaceId, actor, {
    action: "workflow_version.created",
    target: { type: "workflow", id: workflow.id },
    details: { version: 1, source: "user", newWorkflow: true, ...(by.chatId ? { chatId: by.chatId } : {}) },
  });
  return serializeWorkflow(workflow, versionContent({ crew, graph, responseTone: input.responseTone }));
}

/**
 * Creates a workflow and its version 1: a graph (given, or expanded from
 * sugar), or a crew (the given one, or the default planner → writer).
 */
export async function createWorkflow(
  scope: Scope,
  actor: AuditActor,
  input: CreateWorkflowInput,
  createdById: string | null,
) {
  const prepared = await prepareWorkflow(scope, input);
  return scope.db.$transaction((tx) => insertWorkflow(tx, scope.workspaceId, input, prepared, { createdById, actor }));
}
