import { z } from "zod";
import { nodeIdSchema } from "@/lib/graph/names";
import { systemPromptSchema } from "@/lib/graph/system-prompt";
import { modelSchema } from "@/lib/workflows/model-schema";
import { MAX_RUN_INPUT_CHARS } from "../schemas";

export const FORK_RUN_MAX_BODY_BYTES = 512 * 1024;
/** Nodes a fork may change, at most. */
export const MAX_FORK_OVERRIDES = 50;

export const nodeOverrideSchema = z
  .object({
    systemPrompt: systemPromptSchema.optional(),
    model: modelSchema.optional(),
  })
  .strict()
  .refine((o) => o.systemPrompt !== undefined || o.model !== undefined, "Set systemPrompt, model or both");

export const forkRunSchema = z
  .object({
    fromStep: z
      .number({ message: "Give fromStep as a step's index" })
      .int("Give fromStep as a step's index")
      .min(0, "Use 0 or more")
      .describe("The index of the first step to run again (as in the run's steps); the steps before it are reused."),
    input: z
      .string()
      .min(1, "Input is required")
      .max(MAX_RUN_INPUT_CHARS, `Use at most ${MAX_RUN_INPUT_CHARS} characters`)
      .optional()
      .describe("A new input for the fork; left out, the original's."),
    overrides: z
      .object({
        nodes: z
          .record(nodeIdSchema, nodeOverrideSchema)
          .refine((n) => Object.keys(n).length <= MAX_FORK_OVERRIDES, `At most ${MAX_FORK_OVERRIDES} nodes`),
      })
      .strict()
      .optional()
      .describe(
        "Changes to nodes for the fork: { nodes: { <nodeId>: { systemPrompt?, model? } } } (crew agents: agent-1 …).",
      ),
  })
  .strict()
  .meta({ id: "ForkRun" });
export type ForkRunBody = z.output<typeof forkRunSchema>;
export type NodeOverrides = NonNullable<ForkRunBody["overrides"]>["nodes"];
