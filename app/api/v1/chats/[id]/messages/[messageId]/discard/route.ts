import * as chats from "@/lib/api/operations/chats";
import { withWorkspace } from "@/lib/api/handler";
import { discardMessage } from "@/lib/chats/discard-message";
import { json } from "@/lib/http/respond";

/** The Discard click: nothing is created from the reply afterwards. */
export const POST = withWorkspace(chats.discardChatBlocks, async ({ scope, params }) =>
  json(await discardMessage(scope, { chatId: params.id!, messageId: params.messageId! })),
);
