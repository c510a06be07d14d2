import "server-only";
import { isDeepStrictEqual } from "node:util";
import { conflict, notFound } from "@/lib/http/errors";
import type { AuditAction } from "@/lib/audit/actions";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope, TenantTx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VersionSource } from "@/lib/generated/prisma/enums";
import { assertEventReferences, type ProposedEventTypes } from "@/lib/events/assert-event-references";
import { assertToolsConfigured } from "@/lib/tools/assert-tools-configured";
import { parseVersionContext } from "@/lib/tools/declared-tools";
import { graphJson } from "./graph/graph-json";
import type { Graph } from "./graph/types";
import type { Crew } from "./schemas";
import { serializeWorkflow, versionContent, workflowSelect, type VersionContent } from "./serialize-workflow";
import { versionSelect } from "./serialize-version";
import { nextTriggerAt } from "./triggers/next-trigger-at";
import { assertModelCredentials, modelFieldsOf } from "./assert-model-credentials";

/**
 * The audit entry a new version records in its own transaction: by default
 * `workflow_version.created` about the workflow, with the new version number
 * and its source added to `details`.
 */
export interface VersionAudit {
  actor: AuditActor;
  action?: AuditAction;
  target?: { type: string; id: string };
  details?: Prisma.InputJsonObject;
}

/** A version's content: a crew, or a graph. */
export type NewContent =
  | { crew: Crew; graph?: undefined; responseTone?: string | null }
  | { graph: Graph; crew?: undefined; responseTone?: undefined };

export interface ReplaceVersionOptions {
  workflowId: string;
  content: NewContent;
  source?: VersionSource;
  createdById?: string | null;
  note?: string | null;
  /** Return the current version instead of a new one when the content is the same (PUT semantics). */
  skipIfUnchanged?: boolean;
  /** The project step files the graph was compiled from, kept so export gives them back (a restore). */
  files?: Prisma.InputJsonValue | null;
  /**
   * The project context (declared tools, skills, sandboxes) the graph's nodes use: a restore gives
   * the restored version's; left out, a graph keeps the current version's, so a dashboard edit of an
   * imported workflow keeps what its nodes list.
   */
  context?: Prisma.InputJsonValue | null;
  /** Refuse (409) unless the current version is of this kind: the crew and graph endpoints. */
  requireKind?: "crew" | "graph";
  /** Who made the change, for the audit log (nothing is recorded when the content is unchanged). */
  audit: VersionAudit;
}

const KIND_CONFLICT = {
  crew: "This is a graph workflow: read and change it through GET/PUT /api/v1/workflows/{id}/graph.",
  graph: "This is a crew workflow: change it through PUT /api/v1/workflows/{id}/crew.",
};

/** What writing a version needs after the checks that read the workspace. */
export interface PreparedVersion {
  fresh: VersionContent;
  context: Prisma.InputJsonValue | null;
  /** A crew's tone as it will be saved. */
  responseTone: string | null;
}

/**
 * The checks a new version passes before it is written (model credentials,
 * tools, event types; `proposedEvents` are event types about to be created in
 * the same transaction) and the project context it keeps; throws the first problem.
 */
export async function prepareVersion(
  scope: Scope,
  options: Pick<ReplaceVersionOptions, "workflowId" | "content" | "context">,
  proposedEvents?: ProposedEventTypes,
): Promise<PreparedVersion> {
  const { workflowId, content } = options;
  // A crew left without a tone (a reflection's or Loopi's patch) keeps the one it has.
  const responseTone = content.crew
    ? content.responseTone !== undefined
      ? content.responseTone
      : ((
          await scope.db.workflow.findFirst({
            where: { id: workflowId },
            select: { versions: { orderBy: { version: "desc" }, take: 1, select: { responseTone: true } } },
          })
        )?.versions[0]?.responseTone ?? null)
    : null;
  const fresh = versionContent({ crew: content.crew ?? null, graph: content.graph ?? null, responseTone });
  await assertModelCredentials(scope, modelFieldsOf(content));
  const context = content.graph
    ? options.context !== undefined
      ? options.context
      : (((
          await scope.db.workflow.findFirst({
            where: { id: workflowId },
            select: { versions: { orderBy: { version: "desc" }, take: 1, select: { context: true } } },
          })
        )?.versions[0]?.context ?? null) as Prisma.InputJsonValue | null)
    : null;
  const declared = new Set(parseVersionContext(context).tools.map((t) => t.name));
  if (content.graph) await assertToolsConfigured(scope, content.graph.nodes, "graph.nodes", workflowId, declared);
  if (content.graph) await assertEventReferences(scope, content.graph, "graph", proposedEvents);
  else await assertToolsConfigured(scope, content.crew, "crew", workflowId);
  return { fresh, context, responseTone };
}

/** Writes a prepared version inside the caller's transaction (see replaceVersion). */
export async function writeVersion(
  tx: TenantTx,
  workspaceId: string,
  options: ReplaceVersionOptions,
  { fresh, context, responseTone }: PreparedVersion,
) {
  const { workflowId, content } = options;
  const existing = await tx.workflow.findFirst({ where: { id: workflowId }, select: workflowSelect });
  if (!existing) throw notFound("Workflow");
  if (options.skipIfUnchanged || options.requireKind) {
    const current = await tx.workflowVersion.findFirst({
      where: { workflowId, version: existing.currentVersion },
      select: versionSelect,
    });
    const now = current ? versionContent(current) : null;
    if (options.requireKind && now && now.kind !== options.requireKind) {
      throw conflict(KIND_CONFLICT[options.requireKind]);
    }
    if (options.skipIfUnchanged && current && now && now.kind === fresh.kind) {
      // A crew's chain graph carries its tone, so a tone-only change is a change.
      const same =
        fresh.kind === "crew"
          ? isDeepStrictEqual(now.crew, fresh.crew) && now.graph.responseTone === fresh.graph.responseTone
          : isDeepStrictEqual(now.graph, fresh.graph);
      if (same) return { workflow: serializeWorkflow(existing, now), version: current, created: false };
    }
  }
  const workflow = await tx.workflow.update({
    where: { id: workflowId },
    data: {
      currentVersion: { increment: 1 },
      nextTriggerAt: nextTriggerAt(content.graph ?? null, existing.status, existing.nextTriggerAt),
    },
    select: workflowSelect,
  });
  const version = await tx.workflowVersion.create({
    data: {
      workspaceId,
      workflowId,
      version: workflow.currentVersion,
      ...(content.graph ? { graph: graphJson(content.graph) } : { crew: content.crew, responseTone }),
      ...(content.graph && options.files ? { files: options.files } : {}),
      ...(context !== null ? { context } : {}),
      source: options.source ?? "user",
      createdById: options.createdById ?? null,
      note: options.note ?? null,
    },
    select: versionSelect,
  });
  const { audit } = options;
  await appendAuditEntry(tx, workspaceId, audit.actor, {
    action: audit.action ?? "workflow_version.created",
    target: audit.target ?? { type: "workflow", id: workflowId },
    details: { version: version.version, source: options.source ?? "user", ...audit.details },
  });
  return { workflow: serializeWorkflow(workflow, fresh), version, created: true };
}

/**
 * Makes `content` the workflow's crew or graph as a new version (current + 1).
 * The version counter is bumped with a row-locking update, so concurrent
 * changes get distinct numbers; runs already queued keep the version they pinned.
 */
export async function replaceVersion(scope: Scope, options: ReplaceVersionOptions) {
  const prepared = await prepareVersion(scope, options);
  return scope.db.$transaction((tx) => writeVersion(tx, scope.workspaceId, options, prepared));
}
