import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { modelRefObjectSchema } from "@/lib/models/model-ref";
import { crewAgentResponseSchema, graphResponseSchema } from "@/lib/workflows/response-schemas";
import { BLOCK_KINDS } from "./parse-blocks";

/**
 * Response shapes of /api/v1/chats, for the OpenAPI document and the
 * dashboard's types: pure zod, so the browser may import them.
 */

const problemSchema = z.object({ field: z.string(), message: z.string() });

const workflowContentSchema = z.object({
  kind: z.enum(["crew", "graph"]),
  crew: z.array(crewAgentResponseSchema).nullable(),
  graph: graphResponseSchema,
});

export const chatBlockSchema = z
  .object({
    index: z.number().int(),
    kind: z.enum(BLOCK_KINDS),
    name: z.string().nullable().describe("The proposed workflow's or agent's name, when it could be read."),
    value: z.unknown().describe("The block's JSON; null when it could not be read."),
    valid: z.boolean(),
    problems: z.array(problemSchema).describe("Each problem with the field it concerns, as the API would name it."),
    update: z
      .object({
        workflowId: z.string(),
        fromVersion: z.number().int().describe("The version the change was checked against."),
        before: workflowContentSchema,
        after: workflowContentSchema,
      })
      .optional()
      .describe("A workflow-update block naming a workflow of the workspace: its content now and after the change."),
  })
  .meta({ id: "ChatBlock" });

export const chatCreatedSchema = z
  .object({
    workflowIds: z.array(z.string()),
    agentIds: z.array(z.string()),
    eventTypeIds: z.array(z.string()).default([]),
    updated: z
      .array(z.object({ workflowId: z.string(), version: z.number().int() }))
      .default([])
      .describe("Workflows a workflow-update block changed, with the version it made."),
  })
  .meta({ id: "ChatCreated" });

export const chatMessageResponseSchema = z
  .object({
    id: z.string(),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    blocks: z.array(chatBlockSchema).describe("Loopi's proposals in this reply; empty for a person's message."),
    created: chatCreatedSchema.nullable().describe("What was created from the blocks; null until then."),
    edited: z.boolean().describe("Blocks were edited by a person before they were created; `blocks` shows the edits."),
    discarded: z.boolean().describe("A person discarded the reply's proposals; nothing can be created from it."),
    usage: z
      .object({ inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() })
      .nullable()
      .describe(
        "Loopi's model call for this reply, as recorded in the workspace's usage; null for a person's message.",
      ),
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
