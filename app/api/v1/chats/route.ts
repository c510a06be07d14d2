import * as chats from "@/lib/api/operations/chats";
import { withWorkspace } from "@/lib/api/handler";
import { createChat } from "@/lib/chats/create-chat";
import { listChats } from "@/lib/chats/list-chats";
import { json } from "@/lib/http/respond";

/** The workspace's Loopi chats, most recently active first. */
export const GET = withWorkspace(chats.listChats, async ({ scope }) => json(await listChats(scope)));

/** Starts a chat with Loopi. */
export const POST = withWorkspace(chats.createChat, async ({ scope, caller, body }) =>
  json(await createChat(scope, body, caller.type === "user" ? caller.userId : null), 201),
);
