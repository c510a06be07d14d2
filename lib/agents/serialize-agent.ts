import "server-only";
import type { Agent } from "@/lib/generated/prisma/client";
import { modelRefOf } from "@/lib/models/model-ref";
import { scheduleFromColumns } from "./schedule-columns";

/** What agent queries select, so every response has the same shape. */
export const agentInclude = {
  workflows: {
    orderBy: { position: "asc" },
    select: { workflow: { select: { id: true, name: true, status: true, currentVersion: true } } },
  },
} as const;

type AgentRow = Agent & {
  workflows: { workflow: { id: string; name: string; status: string; currentVersion: number } }[];
};

export function serializeAgent(row: AgentRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    description: row.description,
    goal: row.goal,
    model: modelRefOf(row.model),
    capabilities: row.capabilities,
    patchMode: row.patchMode,
    status: row.status,
    schedule: scheduleFromColumns(row),
    timezone: row.timezone,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    workflowIds: row.workflows.map((w) => w.workflow.id),
    workflows: row.workflows.map((w) => w.workflow),
    createdBy: row.createdBy,
    createdById: row.createdById,
    parentAgentId: row.parentAgentId,
    chatId: row.chatId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type AgentJson = ReturnType<typeof serializeAgent>;
