import "server-only";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { notFound } from "@/lib/http/errors";
import { checkBlocks, withEdits } from "./check-blocks";
import { createFromBlocks } from "./create-from-blocks";
import { findChatOrThrow } from "./get-chat";
import { parseBlocks } from "./parse-blocks";
import { chatBlockSchema } from "./response-schemas";
import type { BlockEdits } from "./schemas";

/** Loopi's reply in this chat; another chat's or workspace's message is not found. */
export async function findReplyOrThrow(scope: Scope, chatId: string, messageId: string) {
  await findChatOrThrow(scope, chatId);
  const message = await scope.db.chatMessage.findFirst({
    where: { id: messageId, chatId, role: "assistant" },
  });
  if (!message) throw notFound("Message");
  return message;
}

/**
 * The Create click on a reply's cards: its blocks, with a person's edits in
 * place of those they replaced, are read and checked again (the workspace may
 * have changed since), then created all or nothing. A change to a workflow
 * is made only on the version the person saw it against (409 otherwise).
 */
export async function createFromMessage(
  scope: Scope,
  target: { chatId: string; messageId: string; createdById: string | null; actor: AuditActor },
  edits: BlockEdits["blocks"] = [],
) {
  const message = await findReplyOrThrow(scope, target.chatId, target.messageId);
  const blocks = await checkBlocks(scope, withEdits(parseBlocks(message.content).blocks, edits));
  const shown = chatBlockSchema.array().safeParse(message.blocks ?? []);
  const edited = new Set(edits.map((e) => e.index));
  for (const block of blocks) {
    if (block.kind !== "workflow-update" || !block.update || edited.has(block.index)) continue;
    const seen = shown.success ? shown.data.find((b) => b.index === block.index)?.update : undefined;
    if (seen?.workflowId === block.update.workflowId) block.update.fromVersion = seen.fromVersion;
  }
  return createFromBlocks(scope, target, blocks, edits);
}
