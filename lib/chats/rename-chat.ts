import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { notFound } from "@/lib/http/errors";
import { serializeChat } from "./serialize-chat";

export async function renameChat(scope: Scope, id: string, title: string) {
  const { count } = await scope.db.chat.updateMany({ where: { id }, data: { title } });
  if (count === 0) throw notFound("Chat");
  return serializeChat(await scope.db.chat.findFirstOrThrow({ where: { id } }));
}
