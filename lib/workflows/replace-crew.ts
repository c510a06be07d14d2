import "server-only";
import { isDeepStrictEqual } from "node:util";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import type { VersionSource } from "@/lib/generated/prisma/enums";
import type { Crew } from "./schemas";
import { serializeWorkflow, storedCrew, workflowSelect } from "./serialize-workflow";
import { versionSelect } from "./serialize-version";

export interface ReplaceCrewOptions {
  workflowId: string;
  crew: Crew;
  source?: VersionSource;
  createdById?: string | null;
  note?: string | null;
  /** Return the current version instead of a new one when the crew is the same (PUT semantics). */
  skipIfUnchanged?: boolean;
}

/**
 * Makes `crew` the workflow's crew as a new version (current + 1). The version
 * counter is bumped with a row-locking update, so concurrent changes get
 * distinct numbers; runs already queued keep the version they pinned.
 */
export async function replaceCrew(scope: Scope, options: ReplaceCrewOptions) {
  const { workflowId, crew } = options;
  return scope.db.$transaction(async (tx) => {
    const existing = await tx.workflow.findFirst({ where: { id: workflowId }, select: workflowSelect });
    if (!existing) throw notFound("Workflow");
    if (options.skipIfUnchanged) {
      const current = await tx.workflowVersion.findFirst({
        where: { workflowId, version: existing.currentVersion },
        select: versionSelect,
      });
      if (current && isDeepStrictEqual(storedCrew(current.crew), crew)) {
        return { workflow: serializeWorkflow(existing, crew), version: current, created: false };
      }
    }
    const workflow = await tx.workflow.update({
      where: { id: workflowId },
      data: { currentVersion: { increment: 1 } },
      select: workflowSelect,
    });
    const version = await tx.workflowVersion.create({
      data: {
        workspaceId: scope.workspaceId,
        workflowId,
        version: workflow.currentVersion,
        crew,
        source: options.source ?? "user",
        createdById: options.createdById ?? null,
        note: options.note ?? null,
      },
      select: versionSelect,
    });
    return { workflow: serializeWorkflow(workflow, crew), version, created: true };
  });
}
