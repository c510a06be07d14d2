import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { defaultCrew } from "./default-crew";
import { MAX_WORKFLOWS_PER_WORKSPACE, type CreateWorkflowInput } from "./schemas";
import { serializeWorkflow, workflowSelect } from "./serialize-workflow";

/** Creates a workflow and its version 1 (the given crew, or the default planner → writer). */
export async function createWorkflow(scope: Scope, input: CreateWorkflowInput, createdById: string | null) {
  const { workspaceId } = scope;
  const crew = input.crew ?? defaultCrew();
  return scope.db.$transaction(async (tx) => {
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
      },
      select: workflowSelect,
    });
    await tx.workflowVersion.create({
      data: { workspaceId, workflowId: workflow.id, version: 1, crew, source: "user", createdById },
    });
    return serializeWorkflow(workflow, crew);
  });
}
