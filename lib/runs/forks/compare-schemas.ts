import { z } from "zod";

/* Pure zod: what comparing two runs answers, for the API and the browser alike. */

export const comparedStepSchema = z
  .strictObject({
    id: z.string().describe("The step's id (its full input: GET /api/v1/runs/{id}/steps/{stepId}/input)."),
    nodeId: z.string(),
    status: z.string(),
    output: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number(),
    durationMs: z.number().int().nullable(),
    toolCalls: z.number().int().describe("How many tools the step called."),
    reused: z.boolean(),
  })
  .meta({ id: "ComparedStep" });

export const compareRunsResponseSchema = z
  .strictObject({
    a: z.string().describe("The first run's id."),
    b: z.string().describe("The second run's id."),
    sameInput: z.boolean().describe("Whether the two runs had the same input."),
    divergedAtStep: z
      .number()
      .int()
      .nullable()
      .describe(
        "The index of the first step that differs (node, status, input, output, typed fields or model); null when none does.",
      ),
    steps: z
      .array(
        z.strictObject({
          index: z.number().int(),
          a: comparedStepSchema.nullable().describe("Run a's step at this index; null when it has none."),
          b: comparedStepSchema.nullable().describe("Run b's step at this index; null when it has none."),
          same: z.boolean().describe("Same node, status, input, output, typed fields and model."),
          differences: z
            .array(z.enum(["node", "status", "input", "output", "data", "model"]))
            .describe("What differs at this index."),
          inputDifferences: z
            .array(z.enum(["system", "messages"]))
            .describe(
              "Which part of the input the two steps were sent differs: the system prompt, the messages (the run's " +
                "input and the earlier outputs the step received), both, or neither.",
            ),
        }),
      )
      .describe("Both runs' steps side by side, by index."),
  })
  .meta({ id: "RunComparison" });
export type RunComparison = z.output<typeof compareRunsResponseSchema>;
