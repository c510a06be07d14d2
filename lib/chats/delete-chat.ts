import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { notFound } from "@/lib/http/errors";

/** Deletes a chat and its messages; what was created from it stays. */
export async function deleteChat(scope: Scope, id: string) {
  const { count } = await scope.db.chat.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Chat");
}
