import { z } from "zod";
import { MAX_AGENT_WORKFLOWS } from "@/lib/agents/constants";
import { createAgentSchema } from "@/lib/agents/schemas";
import { DEFAULT_MODEL, modelSchema } from "@/lib/workflows/schemas";
import { MAX_BLOCKS_PER_REPLY, MAX_CHAT_TITLE_CHARS, MAX_MESSAGE_CHARS } from "./limits";

const titleSchema = z
  .string()
  .trim()
  .min(1, "Title is required")
  .max(MAX_CHAT_TITLE_CHARS, `Use at most ${MAX_CHAT_TITLE_CHARS} characters`);

export const createChatSchema = z
  .object({
    title: titleSchema.optional().describe("Defaults to the start of the first message."),
    model: modelSchema.default(DEFAULT_MODEL).describe("The model Loopi answers with (any provider)."),
  })
  .meta({ id: "CreateChat" });
export type CreateChatInput = z.output<typeof createChatSchema>;

export const renameChatSchema = z.object({ title: titleSchema }).meta({ id: "RenameChat" });

export const sendMessageSchema = z
  .object({
    content: z
      .string()
      .trim()
      .min(1, "Say something")
      .max(MAX_MESSAGE_CHARS, `Use at most ${MAX_MESSAGE_CHARS} characters`),
    autoCreate: z
      .boolean()
      .default(false)
      .describe(
        "Create what the reply proposes at once, when every block is valid and none changes an existing workflow (else nothing is created).",
      ),
  })
  .meta({ id: "SendChatMessage" });
export type SendMessageInput = z.output<typeof sendMessageSchema>;

const workflowName = z.string().trim().min(1, "Name a workflow").max(100, "Use at most 100 characters");

/**
 * An `agent-create` block: the API's create-agent body, except that its
 * workflows may be named (a `workflow-create` block of the same reply, or a
 * workflow of the workspace) as well as given by id, and it may name the
 * agent that proposed it.
 */
export const agentBlockSchema = createAgentSchema
  .omit({ workflowIds: true })
  .extend({
    workflows: z
      .array(workflowName)
      .max(MAX_AGENT_WORKFLOWS, `At most ${MAX_AGENT_WORKFLOWS} workflows`)
      .default([])
      .describe("Workflow names: a workflow-create block of the same reply, or a workflow of the workspace."),
    workflowIds: z
      .array(z.string().min(1).max(64))
      .max(MAX_AGENT_WORKFLOWS, `At most ${MAX_AGENT_WORKFLOWS} workflows`)
      .default([]),
    parentAgentId: z.string().min(1).max(64).optional().describe("The agent that proposed this one."),
  })
  .refine((v) => v.workflows.length + v.workflowIds.length > 0, {
    message: "Name at least one workflow",
    path: ["workflows"],
  })
  .refine((v) => v.workflows.length + v.workflowIds.length <= MAX_AGENT_WORKFLOWS, {
    message: `At most ${MAX_AGENT_WORKFLOWS} workflows`,
    path: ["workflows"],
  });
export type AgentBlock = z.output<typeof agentBlockSchema>;

/**
 * A `workflow-update` block: a new crew or graph for one workflow of the
 * workspace, as a reflection proposes it — a complete graph `{ nodes, edges }`
 * (start, caps, trigger and budget kept unless given) or a complete crew
 * `{ agents: [...] }` — named by id or by name.
 */
export const workflowUpdateBlockSchema = z
  .strictObject({
    workflowId: z.string().min(1).max(64).optional().describe("The workflow to change."),
    workflow: workflowName.optional().describe("Or its name."),
    patch: z
      .record(z.string(), z.unknown(), { message: "Give the new graph { nodes, edges } or crew { agents }" })
      .describe("A complete graph { nodes, edges } or crew { agents }, as a reflection's patch."),
    note: z.string().trim().max(500, "Use at most 500 characters").optional().describe("Why; kept on the version."),
  })
  .refine((v) => (v.workflowId === undefined) !== (v.workflow === undefined), {
    message: "Name the workflow by workflowId or by workflow (its name), not both",
    path: ["workflowId"],
  });
export type WorkflowUpdateBlock = z.output<typeof workflowUpdateBlockSchema>;

/** Edited blocks sent back before creating (or to be checked): each replaces the reply's block at `index`. */
export const blockEditsSchema = z
  .strictObject({
    blocks: z
      .array(
        z.strictObject({
          index: z
            .number()
            .int()
            .min(0)
            .max(MAX_BLOCKS_PER_REPLY - 1),
          value: z.unknown().describe("The edited block's JSON object."),
        }),
      )
      .max(MAX_BLOCKS_PER_REPLY, `At most ${MAX_BLOCKS_PER_REPLY} blocks`)
      .default([]),
  })
  .meta({ id: "ChatBlockEdits" });
export type BlockEdits = z.output<typeof blockEditsSchema>;
