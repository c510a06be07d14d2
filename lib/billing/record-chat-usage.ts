import "server-only";
import type { TenantTx } from "@/lib/db/tenant";
import type { Plan } from "@/lib/generated/prisma/enums";

export interface ChatUsage {
  /** Loopi's reply the model call produced: one usage event per reply. */
  chatMessageId: string;
  plan: Plan;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Records a Loopi reply's model call in the workspace's usage, inside the
 * transaction that stores the reply: its tokens and cost count in the month's
 * usage like every model call, but it bills no step (building is not running),
 * so there is nothing to send to the meter and it is settled at once.
 */
export async function recordChatUsage(tx: TenantTx, workspaceId: string, usage: ChatUsage) {
  return tx.usageEvent.create({
    data: {
      workspaceId,
      kind: "chat",
      chatMessageId: usage.chatMessageId,
      plan: usage.plan,
      steps: 0,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costUsd: usage.costUsd,
      reportedAt: new Date(),
    },
    select: { id: true },
  });
}
