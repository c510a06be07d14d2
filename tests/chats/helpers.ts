import { expect } from "vitest";
import { POST as createChat } from "@/app/api/v1/chats/route";
import { POST as sendMessage } from "@/app/api/v1/chats/[id]/messages/route";
import { POST as createFrom } from "@/app/api/v1/chats/[id]/messages/[messageId]/create/route";
import { POST as checkBlocks } from "@/app/api/v1/chats/[id]/messages/[messageId]/check/route";
import { POST as discard } from "@/app/api/v1/chats/[id]/messages/[messageId]/discard/route";
import { apiRequest, call, type TestUser } from "../support/factory";

export async function newChat(u: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(createChat, apiRequest("POST", "/api/v1/chats", { token: u.token }, body));
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string };
}

export async function ask(u: TestUser, chatId: string, body: Record<string, unknown>) {
  return call(sendMessage, apiRequest("POST", `/api/v1/chats/${chatId}/messages`, { token: u.token }, body), {
    id: chatId,
  });
}

const messagePath = (chatId: string, messageId: string, action: string) =>
  `/api/v1/chats/${chatId}/messages/${messageId}/${action}`;

/** The Create click, with edited blocks when given. */
export async function create(u: TestUser, chatId: string, messageId: string, edits?: unknown) {
  return call(createFrom, apiRequest("POST", messagePath(chatId, messageId, "create"), { token: u.token }, edits), {
    id: chatId,
    messageId,
  });
}

/** The Edit button's live check. */
export async function check(u: TestUser, chatId: string, messageId: string, edits: unknown) {
  return call(checkBlocks, apiRequest("POST", messagePath(chatId, messageId, "check"), { token: u.token }, edits), {
    id: chatId,
    messageId,
  });
}

export async function discardReply(u: TestUser, chatId: string, messageId: string) {
  return call(discard, apiRequest("POST", messagePath(chatId, messageId, "discard"), { token: u.token }), {
    id: chatId,
    messageId,
  });
}

/** A reply given exactly through the local provider's reply directive. */
export function reply(...blocks: [string, unknown][]) {
  const text = blocks.map(([kind, value]) => "```" + kind + "\n" + JSON.stringify(value, null, 1) + "\n```").join("\n");
  return `[[simulate:reply:${text}]]`;
}

export const chainWorkflow = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  graph: {
    start: "check",
    nodes: [{ id: "check", role: "checker", systemPrompt: "Check the thing and report." }],
    edges: [{ from: "check", to: "END" }],
    ...extra,
  },
});

export const agentBlock = (extra: Record<string, unknown>) => ({
  name: "Watcher",
  role: "watcher",
  goal: "Notice problems early.",
  model: "claude-sonnet-4-6",
  ...extra,
});
