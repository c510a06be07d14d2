import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { blockJson, checkBlocks, withEdits } from "./check-blocks";
import { findReplyOrThrow } from "./create-from-message";
import { parseBlocks } from "./parse-blocks";
import type { BlockEdits } from "./schemas";

/** A reply's blocks with a person's edits, checked as Create would check them; nothing is stored. */
export async function checkMessageBlocks(
  scope: Scope,
  target: { chatId: string; messageId: string },
  edits: BlockEdits["blocks"],
) {
  const message = await findReplyOrThrow(scope, target.chatId, target.messageId);
  const blocks = await checkBlocks(scope, withEdits(parseBlocks(message.content).blocks, edits));
  return { blocks: blocks.map(blockJson) };
}
