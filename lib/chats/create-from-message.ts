import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { notFound } from "@/lib/http/errors";
import { checkBlocks } from "./check-blocks";
import { createFromBlocks } from "./create-from-blocks";
import { findChatOrThrow } from "./get-chat";
import { parseBlocks } from "./parse-blocks";

/**
 * The Create click on a reply's cards: its blocks are read and checked again
 * (the workspace may have changed since), then created all or nothing.
 */
export async function createFromMessage(
  scope: Scope,
  target: { chatId: string; messageId: string; createdById: string | null },
) {
  await findChatOrThrow(scope, target.chatId);
  const message = await scope.db.chatMessage.findFirst({
    where: { id: target.messageId, chatId: target.chatId, role: "assistant" },
    select: { content: true },
  });
  if (!message) throw notFound("Message");
  const blocks = await checkBlocks(scope, parseBlocks(message.content).blocks);
  return createFromBlocks(scope, target, blocks);
}
