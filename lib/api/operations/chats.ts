import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf } from "@/lib/http/openapi-schemas";
import { chatCreationSchema, chatReplySchema } from "@/lib/chats/reply-schemas";
import { MAX_BLOCK_CHARS, MAX_BLOCKS_PER_REPLY } from "@/lib/chats/limits";
import {
  chatBlockSchema,
  chatMessageResponseSchema,
  chatResponseSchema,
  chatWithMessagesSchema,
} from "@/lib/chats/response-schemas";
import { blockEditsSchema, createChatSchema, renameChatSchema, sendMessageSchema } from "@/lib/chats/schemas";
import { z } from "zod";

const id = { id: "Chat id." };
const messageParams = { ...id, messageId: "Id of Loopi's reply." };
/** Room for every block of a reply edited at its largest. */
const EDITS_BODY_BYTES = MAX_BLOCKS_PER_REPLY * (MAX_BLOCK_CHARS + 1024);

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
    "`workflow-update`, `agent-create` and `event-type-create` blocks parsed and checked by the API's own rules (each problem named). With " +
    "`Accept: text/event-stream` the reply streams as `delta` events, then one `reply` event with this body " +
    "(or an `error` event). With `autoCreate` and every block valid, what the reply proposes is created at once, unless it changes an existing workflow (a `workflow-update` block is applied only by the Create click).",
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
    "The reply's blocks (with any edits sent in the body in place of the reply's own) are checked again, then " +
    "created all or nothing in one transaction: the event types first, then the workflows, then the changes " +
    "to existing workflows (each a new version), then the agents linked to their workflows by name. Each " +
    "records `createdBy: loopi` and the chat. A reply's blocks are created once, and not after a discard (409).",
  tag: "Chats",
  pathParams: messageParams,
  body: blockEditsSchema,
  maxBodyBytes: EDITS_BODY_BYTES,
  responses: { 201: { description: "What was created.", schema: chatCreationSchema } },
  errors: [404, 409],
});

export const checkChatBlocks = defineOperation({
  method: "post",
  path: "/api/v1/chats/{id}/messages/{messageId}/check",
  operationId: "checkChatBlocks",
  permission: "workflows.write",
  summary: "Check a reply's blocks with edits, creating nothing",
  description:
    "The Edit button's live check: the reply's blocks, each edited one replaced by the JSON sent, judged by " +
    "the same rules as Create. Nothing is stored.",
  tag: "Chats",
  pathParams: messageParams,
  body: blockEditsSchema,
  maxBodyBytes: EDITS_BODY_BYTES,
  responses: {
    200: { description: "Every block of the reply, checked.", schema: z.object({ blocks: z.array(chatBlockSchema) }) },
  },
  errors: [404],
});

export const discardChatBlocks = defineOperation({
  method: "post",
  path: "/api/v1/chats/{id}/messages/{messageId}/discard",
  operationId: "discardChatBlocks",
  permission: "workflows.write",
  summary: "Discard what a reply proposes",
  description: "Nothing can be created from the reply afterwards; the chat shows it discarded. 409 once created.",
  tag: "Chats",
  pathParams: messageParams,
  responses: { 200: { description: "The reply, discarded.", schema: chatMessageResponseSchema } },
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
  checkChatBlocks,
  discardChatBlocks,
];
