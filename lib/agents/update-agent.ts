import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { assertModelCredentials } from "@/lib/workflows/assert-model-credentials";
import { appendAgentLog } from "./agent-log";
import { assertWorkflowsExist } from "./check-workflows";
import { firstRunAt } from "./first-run";
import { getAgentRowOrThrow } from "./get-agent";
import { scheduleToColumns } from "./schedule-columns";
import type { UpdateAgentInput } from "./schemas";
import { agentInclude, serializeAgent } from "./serialize-agent";

/** Edits an agent. A new schedule resets the next run time (a paused agent stays without one until resumed). */
export async function updateAgent(scope: Scope, id: string, input: UpdateAgentInput) {
  const existing = await getAgentRowOrThrow(scope, id);
  if (input.workflowIds) await assertWorkflowsExist(scope, input.workflowIds);
  await assertModelCredentials(scope, [{ field: "model", model: input.model }]);
  const schedule = input.schedule;
  const nextRunAt = schedule ? firstRunAt(schedule) : undefined;
  const { workspaceId } = scope;
  const row = await scope.db.$transaction(async (tx) => {
    await tx.agent.update({
      where: { id },
      data: {
        name: input.name,
        role: input.role,
        description: input.description,
        goal: input.goal,
        model: input.model,
        capabilities: input.capabilities,
        patchMode: input.patchMode,
        ...(schedule
          ? { ...scheduleToColumns(schedule), nextRunAt: existing.status === "paused" ? null : nextRunAt }
          : {}),
      },
    });
    if (input.workflowIds) {
      await tx.agentWorkflow.deleteMany({ where: { agentId: id } });
      await tx.agentWorkflow.createMany({
        data: input.workflowIds.map((workflowId, position) => ({ agentId: id, workflowId, position })),
      });
    }
    await appendAgentLog(tx, workspaceId, id, { message: `Agent updated: ${Object.keys(input).join(", ")}.` });
    return tx.agent.findFirstOrThrow({ where: { id }, include: agentInclude });
  });
  return serializeAgent(row);
}

export async function deleteAgent(scope: Scope, id: string) {
  await getAgentRowOrThrow(scope, id);
  await scope.db.agent.deleteMany({ where: { id } });
  return { id, deleted: true };
}
