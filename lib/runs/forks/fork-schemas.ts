import { z } from "zod";
import { nodeIdSchema } from "@/lib/graph/names";
import { systemPromptSchema } from "@/lib/graph/system-prompt";
import { modelFieldSchema } from "@/lib/graph/model-ref";

/* Pure zod: a fork request's shape, for the API (which checks who serves each model) and the browser. */

/** The longest run input, as lib/runs/schemas.ts says (that module is not the browser's to import). */
const MAX_RUN_INPUT_CHARS = 100_000;

export const FORK_RUN_MAX_BODY_BYTES = 512 * 1024;
/** Nodes a fork may change, at most. */
export const MAX_FORK_OVERRIDES = 50;

/** A fork request, its node overrides' `model` checked by the given schema. */
export function forkRunSchemaWith<M extends z.ZodType<string, unknown>>(model: M) {
  const nodeOverrideSchema = z
    .object({ systemPrompt: systemPromptSchema.optional(), model: model.optional() })
    .strict()
    .refine((o) => o.systemPrompt !== undefined || o.model !== undefined, "Set systemPrompt, model or both");
  return z
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
      version: z
        .enum(["same", "current"], { message: 'Use "same" or "current"' })
        .default("same")
        .describe(
          '"same" (the default) runs the fork on the original\'s version; "current" on the workflow\'s current ' +
            "version, when the steps before fromStep ran nodes it still has, unchanged and on the same path.",
        ),
    })
    .strict();
}

/** A fork request as the browser checks it (the API also checks who serves each model). */
export const forkRequestSchema = forkRunSchemaWith(modelFieldSchema());
export type ForkRunBody = z.output<typeof forkRequestSchema>;
export type NodeOverrides = NonNullable<ForkRunBody["overrides"]>["nodes"];
