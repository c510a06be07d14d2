import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf } from "@/lib/http/openapi-schemas";
import { chatCreationSchema, chatReplySchema } from "@/lib/chats/reply-schemas";
import { chatResponseSchema, chatWithMessagesSchema } from "@/lib/chats/response-schemas";
import { createChatSchema, renameChatSchema, sendMessageSchema } from "@/lib/chats/schemas";

const id = { id: "Chat id." };

export const listChats = defineOperation({
  method: "get",
  path: "/api/v1/chats",
  operationId: "listChats",
  summary: "List Loopi chats, most recently active first",
  tag: "Chats",
  responses: { 200: { description: "Chats.", schema: listOf(chatResponseSchema) } },
});

export const createChat = defineOperation({
  method: "post",
  path: "/api/v1/chats",
  operationId: "createChat",
  permission: "workflows.write",
  summary: "Start a chat with Loopi, the builder",
  tag: "Chats",
  body: createChatSchema,
  responses: { 201: { description: "The chat.", schema: chatResponseSchema } },
});

export const getChat = defineOperation({
  method: "get",
  path: "/api/v1/chats/{id}",
  operationId: "getChat",
  summary: "Get a chat with its messages",
  tag: "Chats",
  pathParams: id,
  responses: { 200: { description: "The chat and its messages, oldest first.", schema: chatWithMessagesSchema } },
  errors: [404],
});

export const renameChat = defineOperation({
  method: "patch",
  path: "/api/v1/chats/{id}",
  operationId: "renameChat",
  permission: "workflows.write",
  summary: "Rename a chat",
  tag: "Chats",
  pathParams: id,
  body: renameChatSchema,
  responses: { 200: { description: "The chat.", schema: chatResponseSchema } },
  errors: [404],
});

export const deleteChat = defineOperation({
  method: "delete",
  path: "/api/v1/chats/{id}",
  operationId: "deleteChat",
  permission: "workflows.write",
  summary: "Delete a chat and its messages (what was created from it stays)",
  tag: "Chats",
  pathParams: id,
  responses: { 204: { description: "Deleted." } },
  errors: [404],
});

export const sendChatMessage = defineOperation({
  method: "post",
  path: "/api/v1/chats/{id}/messages",
  operationId: "sendChatMessage",
  permission: "workflows.write",
  summary: "Ask Loopi",
  description:
    "Stores the message, asks the chat's model and answers with Loopi's reply, its `workflow-create` and " +
    "`agent-create` blocks parsed and checked by the API's own rules (each problem named). With " +
    "`Accept: text/event-stream` the reply streams as `delta` events, then one `reply` event with this body " +
    "(or an `error` event). With `autoCreate` and every block valid, what the reply proposes is created at once.",
  tag: "Chats",
  pathParams: id,
  body: sendMessageSchema,
  responses: {
    200: {
      description: "The message, the reply with its blocks, and what autoCreate created.",
      schema: chatReplySchema,
    },
  },
  errors: [404, 502],
});

export const createFromChatMessage = defineOperation({
  method: "post",
  path: "/api/v1/chats/{id}/messages/{messageId}/create",
  operationId: "createFromChatMessage",
  permission: "agents.write",
  summary: "Create what a reply proposes",
  description:
    "The reply's blocks are checked again, then created all or nothing in one transaction: the workflows " +
    "first, then the agents linked to them by name. Each records `createdBy: loopi` and the chat. A reply's " +
    "blocks are created once (409 after).",
  tag: "Chats",
  pathParams: { ...id, messageId: "Id of Loopi's reply." },
  responses: { 201: { description: "What was created.", schema: chatCreationSchema } },
  errors: [404, 409],
});

export const chatOperations: ApiOperation[] = [
  listChats,
  createChat,
  getChat,
  renameChat,
  deleteChat,
  sendChatMessage,
  createFromChatMessage,
];
