import * as chats from "@/lib/api/operations/chats";
import { withWorkspace } from "@/lib/api/handler";
import { checkMessageBlocks } from "@/lib/chats/check-message-blocks";
import { json } from "@/lib/http/respond";

/** The Edit button's live check of a reply's blocks with edits; nothing is stored. */
export const POST = withWorkspace(chats.checkChatBlocks, async ({ scope, params, body }) =>
  json(await checkMessageBlocks(scope, { chatId: params.id!, messageId: params.messageId! }, body.blocks)),
);
