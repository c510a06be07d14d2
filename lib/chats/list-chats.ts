import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { serializeChat } from "./serialize-chat";

/** The workspace's chats, the most recently active first. */
export async function listChats(scope: Scope) {
  const rows = await scope.db.chat.findMany({ orderBy: [{ updatedAt: "desc" }, { id: "desc" }] });
  return { data: rows.map(serializeChat) };
}
