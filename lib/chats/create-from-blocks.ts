import "server-only";
import { insertAgent } from "@/lib/agents/create-agent";
import { serializeAgent } from "@/lib/agents/serialize-agent";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { badRequest, conflict } from "@/lib/http/errors";
import { insertEventType } from "@/lib/events/create-event-type";
import { insertWorkflow } from "@/lib/workflows/create-workflow";
import { writeVersion } from "@/lib/workflows/replace-version";
import { agentInputOf, storedBlocks, type CheckedBlock } from "./check-blocks";
import type { BlockEdits } from "./schemas";

export interface CreatedFromChat {
  eventTypes: Awaited<ReturnType<typeof insertEventType>>[];
  workflows: Awaited<ReturnType<typeof insertWorkflow>>[];
  updated: Awaited<ReturnType<typeof writeVersion>>["workflow"][];
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
 * transaction: the event types first, then the workflows, then the changes to
 * existing workflows (each a new version), then each agent linked to its
 * workflows by name. Everything records Loopi and the chat as its maker. The
 * message is claimed first, so a second click (or a concurrent one) creates
 * nothing (409); a discarded reply creates nothing either.
 */
export async function createFromBlocks(
  scope: Scope,
  target: { chatId: string; messageId: string; createdById: string | null; actor: AuditActor },
  blocks: CheckedBlock[],
  edits: BlockEdits["blocks"] = [],
): Promise<CreatedFromChat> {
  assertBlocksValid(blocks);
  const { workspaceId } = scope;
  const by = {
    createdById: target.createdById,
    createdBy: "loopi" as const,
    chatId: target.chatId,
    actor: target.actor,
  };
  return scope.db.$transaction(async (tx) => {
    const claimed = await tx.chatMessage.updateMany({
      where: { id: target.messageId, chatId: target.chatId, created: { equals: Prisma.DbNull }, discardedAt: null },
      data: { created: { workflowIds: [], agentIds: [] } },
    });
    if (claimed.count === 0) {
      const discarded = await tx.chatMessage.count({ where: { id: target.messageId, discardedAt: { not: null } } });
      throw conflict(
        discarded ? "This reply's proposals were discarded." : "What this reply proposes was already created.",
      );
    }
    const eventTypes: CreatedFromChat["eventTypes"] = [];
    for (const block of blocks) {
      if (block.kind !== "event-type-create" || !block.input) continue;
      eventTypes.push(await insertEventType(tx, workspaceId, block.input));
    }
    const workflows: CreatedFromChat["workflows"] = [];
    const idsByName = new Map<string, string>();
    for (const block of blocks) {
      if (block.kind !== "workflow-create" || !block.input || !block.prepared) continue;
      const workflow = await insertWorkflow(tx, workspaceId, block.input, block.prepared, by);
      workflows.push(workflow);
      idsByName.set(workflow.name, workflow.id);
    }
    const updated: CreatedFromChat["updated"] = [];
    const versions: { workflowId: string; version: number }[] = [];
    for (const block of blocks) {
      if (block.kind !== "workflow-update" || !block.update?.prepared) continue;
      const { workflowId, content, prepared, fromVersion, workflowName } = block.update;
      const now = await tx.workflow.findFirst({ where: { id: workflowId }, select: { currentVersion: true } });
      if (now?.currentVersion !== fromVersion) {
        throw conflict(`"${workflowName}" changed since the reply was checked; ask Loopi again.`);
      }
      const saved = await writeVersion(
        tx,
        workspaceId,
        {
          workflowId,
          content,
          requireKind: block.update.before.kind,
          createdById: target.createdById,
          note: block.input?.note ?? "Changed from a Loopi chat",
          audit: { actor: target.actor, details: { chatId: target.chatId } },
        },
        prepared,
      );
      updated.push(saved.workflow);
      versions.push({ workflowId, version: saved.version.version });
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
      data: {
        created: {
          workflowIds: workflows.map((w) => w.id),
          agentIds: agents.map((a) => a.id),
          eventTypeIds: eventTypes.map((e) => e.id),
          updated: versions,
        },
        // What was created is what the cards show: the blocks as checked now, a person's edits included.
        ...(edits.length
          ? {
              blocks: storedBlocks(blocks),
              edits: Object.fromEntries(edits.map((e) => [String(e.index), e.value])) as Prisma.InputJsonValue,
            }
          : {}),
      },
    });
    return { eventTypes, workflows, updated, agents };
  });
}
