import "server-only";
import type { Chat, ChatMessage } from "@/lib/generated/prisma/client";
import { modelRefOf } from "@/lib/models/model-ref";
import { chatBlockSchema, chatCreatedSchema } from "./response-schemas";

export function serializeChat(row: Chat) {
  return {
    id: row.id,
    title: row.title,
    model: modelRefOf(row.model),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A stored message; its blocks and what was created read back through their schemas. */
export function serializeMessage(row: ChatMessage) {
  const blocks = chatBlockSchema.array().safeParse(row.blocks ?? []);
  const created = chatCreatedSchema.safeParse(row.created);
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    blocks: blocks.success ? blocks.data : [],
    created: created.success ? created.data : null,
    edited: row.edits !== null,
    discarded: row.discardedAt !== null,
    usage:
      row.inputTokens === null || row.outputTokens === null
        ? null
        : { inputTokens: row.inputTokens, outputTokens: row.outputTokens, costUsd: Number(row.costUsd ?? 0) },
    createdAt: row.createdAt.toISOString(),
  };
}
