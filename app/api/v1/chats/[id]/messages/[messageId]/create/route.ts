import { auditActor } from "@/lib/api/audit";
import * as chats from "@/lib/api/operations/chats";
import { withWorkspace } from "@/lib/api/handler";
import { createFromMessage } from "@/lib/chats/create-from-message";
import { json } from "@/lib/http/respond";

/** The Create click: makes what a reply proposes (with any edited blocks), all or nothing. */
export const POST = withWorkspace(chats.createFromChatMessage, async ({ scope, caller, params, body, request }) =>
  json(
    await createFromMessage(
      scope,
      {
        chatId: params.id!,
        messageId: params.messageId!,
        createdById: caller.type === "user" ? caller.userId : null,
        actor: auditActor(caller, request),
      },
      body.blocks,
    ),
    201,
  ),
);
