import { auditActor } from "@/lib/api/audit";
import * as chats from "@/lib/api/operations/chats";
import { withWorkspace } from "@/lib/api/handler";
import { findChatOrThrow } from "@/lib/chats/get-chat";
import { replyStream } from "@/lib/chats/reply-stream";
import { sendMessage } from "@/lib/chats/send-message";
import { json } from "@/lib/http/respond";

/** Asks Loopi: the reply as JSON, or streamed as server-sent events with `Accept: text/event-stream`. */
export const POST = withWorkspace(chats.sendChatMessage, async ({ scope, caller, params, body, request }) => {
  const target = {
    chatId: params.id!,
    createdById: caller.type === "user" ? caller.userId : null,
    actor: auditActor(caller, request),
  };
  if ((request.headers.get("accept") ?? "").includes("text/event-stream")) {
    await findChatOrThrow(scope, target.chatId);
    return replyStream((onDelta) => sendMessage(scope, target, body, onDelta));
  }
  return json(await sendMessage(scope, target, body));
});
