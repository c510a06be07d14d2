import "server-only";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import type { TenantTx } from "./tx";
import { assertModelCredentials } from "@/lib/workflows/assert-model-credentials";
import { appendAgentLog } from "./agent-log";
import { assertWorkflowsExist } from "./check-workflows";
import { firstRunAt } from "./first-run";
import { scheduleToColumns } from "./schedule-columns";
import type { CreateAgentInput } from "./schemas";
import { agentInclude, serializeAgent } from "./serialize-agent";

export const MAX_AGENTS_PER_WORKSPACE = 100;

/** Who made an agent: a person (or token), an assistant, or Loopi from a chat. */
export interface AgentAuthor {
  createdById: string | null;
  createdBy?: "user" | "assistant" | "loopi";
  chatId?: string | null;
  parentAgentId?: string | null;
}

/** Creates an agent; a scheduled one is due at its first slot. */
export async function createAgent(scope: Scope, input: CreateAgentInput, by: AgentAuthor) {
  await assertWorkflowsExist(scope, input.workflowIds);
  await assertModelCredentials(scope, [{ field: "model", model: input.model }]);
  const row = await scope.db.$transaction((tx) => insertAgent(tx, scope.workspaceId, input, by));
  return serializeAgent(row);
}

/**
 * Inserts an agent linked to its workflows inside the caller's transaction
 * (their existence and the model's credentials checked by the caller).
 */
export async function insertAgent(tx: TenantTx, workspaceId: string, input: CreateAgentInput, by: AgentAuthor) {
  if ((await tx.agent.count()) >= MAX_AGENTS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_AGENTS_PER_WORKSPACE} agents; delete one first.`,
    );
  }
  const nextRunAt = firstRunAt(input.schedule);
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
      chatId: by.chatId ?? null,
      parentAgentId: by.parentAgentId ?? null,
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
}
