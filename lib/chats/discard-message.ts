import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { conflict } from "@/lib/http/errors";
import { findReplyOrThrow } from "./create-from-message";
import { serializeMessage } from "./serialize-chat";

/** Discards what a reply proposes, for good: Create refuses it afterwards. 409 once created. */
export async function discardMessage(scope: Scope, target: { chatId: string; messageId: string }) {
  await findReplyOrThrow(scope, target.chatId, target.messageId);
  await scope.db.chatMessage.updateMany({
    where: { id: target.messageId, created: { equals: Prisma.DbNull }, discardedAt: null },
    data: { discardedAt: new Date() },
  });
  const row = await scope.db.chatMessage.findFirstOrThrow({ where: { id: target.messageId } });
  if (row.discardedAt === null) throw conflict("What this reply proposes was already created.");
  return serializeMessage(row);
}
