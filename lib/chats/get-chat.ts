import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { notFound } from "@/lib/http/errors";
import { serializeChat, serializeMessage } from "./serialize-chat";

/** The chat row; another workspace's chat is not found. */
export async function findChatOrThrow(scope: Scope, id: string) {
  const row = await scope.db.chat.findFirst({ where: { id } });
  if (!row) throw notFound("Chat");
  return row;
}

/** A chat with its messages, oldest first. */
export async function getChat(scope: Scope, id: string) {
  const chat = await findChatOrThrow(scope, id);
  const messages = await scope.db.chatMessage.findMany({
    where: { chatId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return { ...serializeChat(chat), messages: messages.map(serializeMessage) };
}
