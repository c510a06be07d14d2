import * as chats from "@/lib/api/operations/chats";
import { withWorkspace } from "@/lib/api/handler";
import { deleteChat } from "@/lib/chats/delete-chat";
import { getChat } from "@/lib/chats/get-chat";
import { renameChat } from "@/lib/chats/rename-chat";
import { json } from "@/lib/http/respond";

/** A chat with its messages and the blocks of each reply. */
export const GET = withWorkspace(chats.getChat, async ({ scope, params }) => json(await getChat(scope, params.id!)));

export const PATCH = withWorkspace(chats.renameChat, async ({ scope, params, body }) =>
  json(await renameChat(scope, params.id!, body.title)),
);

export const DELETE = withWorkspace(chats.deleteChat, async ({ scope, params }) => {
  await deleteChat(scope, params.id!);
  return new Response(null, { status: 204 });
});
