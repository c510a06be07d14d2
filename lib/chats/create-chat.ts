import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { AppError } from "@/lib/http/errors";
import { assertModelCredentials } from "@/lib/workflows/assert-model-credentials";
import { MAX_CHATS_PER_WORKSPACE } from "./limits";
import type { CreateChatInput } from "./schemas";
import { serializeChat } from "./serialize-chat";

/** Starts a chat with Loopi; the title defaults to "New chat" until the first message names it. */
export async function createChat(scope: Scope, input: CreateChatInput, createdById: string | null) {
  await assertModelCredentials(scope, [{ field: "model", model: input.model }]);
  if ((await scope.db.chat.count()) >= MAX_CHATS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace keeps at most ${MAX_CHATS_PER_WORKSPACE} chats; delete one first.`,
    );
  }
  const row = await scope.db.chat.create({
    data: { workspaceId: scope.workspaceId, title: input.title ?? "New chat", model: input.model, createdById },
  });
  return serializeChat(row);
}
