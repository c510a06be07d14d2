import { z } from "zod";
import { agentResponseSchema } from "@/lib/agents/response-schemas";
import { workflowResponseSchema } from "@/lib/workflows/response-schemas";
import { chatReplyBaseSchema } from "./response-schemas";

/** The response shapes of /api/v1/chats that carry created workflows and agents. */

export const chatCreationSchema = z
  .object({ workflows: z.array(workflowResponseSchema), agents: z.array(agentResponseSchema) })
  .meta({ id: "ChatCreation" });

export const chatReplySchema = chatReplyBaseSchema
  .extend({
    created: chatCreationSchema
      .nullable()
      .describe("With autoCreate and every block valid: what was created; else null."),
  })
  .meta({ id: "ChatReply" });
