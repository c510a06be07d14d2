import "server-only";
import { insertAgent } from "@/lib/agents/create-agent";
import { serializeAgent } from "@/lib/agents/serialize-agent";
import type { Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { badRequest, conflict } from "@/lib/http/errors";
import { insertWorkflow } from "@/lib/workflows/create-workflow";
import { agentInputOf, type CheckedBlock } from "./check-blocks";

export interface CreatedFromChat {
  workflows: Awaited<ReturnType<typeof insertWorkflow>>[];
  agents: ReturnType<typeof serializeAgent>[];
}

/** Refuses blocks with any problem, naming each as `blocks.N.<field>`. */
export function assertBlocksValid(blocks: CheckedBlock[]) {
  if (blocks.length === 0) throw badRequest("This reply proposes nothing to create.");
  const problems = blocks.flatMap((b) =>
    b.problems.map((p) => ({ field: `blocks.${b.index}.${p.field}`, message: p.message })),
  );
  if (problems.length) throw badRequest(`Invalid ${problems[0]!.field}: ${problems[0]!.message}`, problems);
}

/**
 * Creates what a reply's checked blocks propose, all or nothing in one
 * transaction: the workflows first, then each agent linked to them by name.
 * Everything records Loopi and the chat as its maker. The message is claimed
 * first, so a second click (or a concurrent one) creates nothing (409).
 */
export async function createFromBlocks(
  scope: Scope,
  target: { chatId: string; messageId: string; createdById: string | null },
  blocks: CheckedBlock[],
): Promise<CreatedFromChat> {
  assertBlocksValid(blocks);
  const { workspaceId } = scope;
  const by = { createdById: target.createdById, createdBy: "loopi" as const, chatId: target.chatId };
  return scope.db.$transaction(async (tx) => {
    const claimed = await tx.chatMessage.updateMany({
      where: { id: target.messageId, chatId: target.chatId, created: { equals: Prisma.DbNull } },
      data: { created: { workflowIds: [], agentIds: [] } },
    });
    if (claimed.count === 0) throw conflict("What this reply proposes was already created.");
    const workflows: CreatedFromChat["workflows"] = [];
    const idsByName = new Map<string, string>();
    for (const block of blocks) {
      if (block.kind !== "workflow-create" || !block.input || !block.prepared) continue;
      const workflow = await insertWorkflow(tx, workspaceId, block.input, block.prepared, by);
      workflows.push(workflow);
      idsByName.set(workflow.name, workflow.id);
    }
    const agents: CreatedFromChat["agents"] = [];
    for (const block of blocks) {
      if (block.kind !== "agent-create" || !block.input) continue;
      const named = block.input.workflows.filter((n) => !idsByName.has(n));
      if (named.length) {
        // Named workflows of the workspace (checked to exist); the newest wins a shared name.
        const rows = await tx.workflow.findMany({
          where: { name: { in: named } },
          orderBy: { createdAt: "asc" },
          select: { id: true, name: true },
        });
        for (const row of rows) idsByName.set(row.name, row.id);
      }
      const input = agentInputOf(block.input, idsByName);
      const row = await insertAgent(tx, workspaceId, input, { ...by, parentAgentId: block.input.parentAgentId });
      agents.push(serializeAgent(row));
    }
    await tx.chatMessage.updateMany({
      where: { id: target.messageId },
      data: { created: { workflowIds: workflows.map((w) => w.id), agentIds: agents.map((a) => a.id) } },
    });
    return { workflows, agents };
  });
}
