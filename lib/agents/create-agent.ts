import "server-only";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { assertModelCredentials } from "@/lib/workflows/assert-model-credentials";
import { appendAgentLog } from "./agent-log";
import { assertWorkflowsExist } from "./check-workflows";
import { firstRunAt } from "./first-run";
import { scheduleToColumns } from "./schedule-columns";
import type { CreateAgentInput } from "./schemas";
import { agentInclude, serializeAgent } from "./serialize-agent";

export const MAX_AGENTS_PER_WORKSPACE = 100;

/** Creates an agent; a scheduled one is due at its first slot. */
export async function createAgent(
  scope: Scope,
  input: CreateAgentInput,
  by: { createdById: string | null; createdBy?: "user" | "assistant" },
) {
  const count = await scope.db.agent.count();
  if (count >= MAX_AGENTS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_AGENTS_PER_WORKSPACE} agents; delete one first.`,
    );
  }
  await assertWorkflowsExist(scope, input.workflowIds);
  await assertModelCredentials(scope, [{ field: "model", model: input.model }]);
  const nextRunAt = firstRunAt(input.schedule);
  const { workspaceId } = scope;
  const row = await scope.db.$transaction(async (tx) => {
    const agent = await tx.agent.create({
      data: {
        workspaceId,
        name: input.name,
        role: input.role,
        description: input.description,
        goal: input.goal,
        model: input.model,
        capabilities: input.capabilities,
        patchMode: input.patchMode,
        ...scheduleToColumns(input.schedule),
        nextRunAt,
        createdBy: by.createdBy ?? "user",
        createdById: by.createdById,
      },
    });
    await tx.agentWorkflow.createMany({
      data: input.workflowIds.map((workflowId, position) => ({ agentId: agent.id, workflowId, position })),
    });
    await appendAgentLog(tx, workspaceId, agent.id, {
      message: `Agent created (${input.schedule.type} schedule).`,
      data: { nextRunAt: nextRunAt?.toISOString() ?? null },
    });
    return tx.agent.findFirstOrThrow({ where: { id: agent.id }, include: agentInclude });
  });
  return serializeAgent(row);
}
