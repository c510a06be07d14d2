import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { modelRefObjectSchema } from "@/lib/models/model-ref";
import { BLOCK_KINDS } from "./parse-blocks";

/**
 * Response shapes of /api/v1/chats, for the OpenAPI document and the
 * dashboard's types: pure zod, so the browser may import them.
 */

const problemSchema = z.object({ field: z.string(), message: z.string() });

export const chatBlockSchema = z
  .object({
    index: z.number().int(),
    kind: z.enum(BLOCK_KINDS),
    name: z.string().nullable().describe("The proposed workflow's or agent's name, when it could be read."),
    value: z.unknown().describe("The block's JSON; null when it could not be read."),
    valid: z.boolean(),
    problems: z.array(problemSchema).describe("Each problem with the field it concerns, as the API would name it."),
  })
  .meta({ id: "ChatBlock" });

export const chatCreatedSchema = z
  .object({ workflowIds: z.array(z.string()), agentIds: z.array(z.string()) })
  .meta({ id: "ChatCreated" });

export const chatMessageResponseSchema = z
  .object({
    id: z.string(),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    blocks: z.array(chatBlockSchema).describe("Loopi's proposals in this reply; empty for a person's message."),
    created: chatCreatedSchema.nullable().describe("What was created from the blocks; null until then."),
    createdAt: dateTimeSchema,
  })
  .meta({ id: "ChatMessage" });

export const chatResponseSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    model: modelRefObjectSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({ id: "Chat" });

export const chatWithMessagesSchema = chatResponseSchema
  .extend({ messages: z.array(chatMessageResponseSchema) })
  .meta({ id: "ChatWithMessages" });

/** The reply to a message, without what autoCreate made (lib/chats/reply-schemas.ts adds it). */
export const chatReplyBaseSchema = z.object({
  message: chatMessageResponseSchema.describe("The person's message as stored."),
  reply: chatMessageResponseSchema.describe("Loopi's reply with its parsed blocks."),
  problems: z
    .array(problemSchema)
    .describe("Problems with the reply as a whole (too many blocks, autoCreate refused)."),
});

export type ChatJson = z.output<typeof chatResponseSchema>;
export type ChatWithMessagesJson = z.output<typeof chatWithMessagesSchema>;
export type ChatMessageJson = z.output<typeof chatMessageResponseSchema>;
export type ChatBlockJson = z.output<typeof chatBlockSchema>;
export type ChatReplyBaseJson = z.output<typeof chatReplyBaseSchema>;
