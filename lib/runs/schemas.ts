import { z } from "zod";
import { memorySessionIdSchema, memoryUserIdSchema } from "@/lib/memory/schemas";
import { paginationQueryShape } from "@/lib/http/pagination";
import { budgetSchema } from "@/lib/graph/budget";
import { runStatusSchema } from "@/lib/workflows/run-status";

/** Longest run input accepted, in characters; longer inputs get 413. */
export const MAX_RUN_INPUT_CHARS = 100_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Room for the largest input (4 bytes a character at most), its JSON envelope and escapes: 416 kB, as docs/api.md says. */
export const CREATE_RUN_MAX_BODY_BYTES = 416 * 1024;

export { runStatusSchema, TERMINAL_RUN_STATUSES } from "@/lib/workflows/run-status";

export const createRunSchema = z
  .object({
    // The length limit is enforced by createRun as a 413, not here as a 400.
    input: z
      .string()
      .min(1, "Input is required")
      .refine((s) => s.trim().length > 0, "Input is required")
      .meta({
        maxLength: MAX_RUN_INPUT_CHARS,
        description: `The run's input; at most ${MAX_RUN_INPUT_CHARS} characters (413 beyond).`,
      }),
    budget: budgetSchema
      .optional()
      .describe(
        "This run's own budget, checked at every step boundary besides the workflow's and its nodes' " +
          '(exceeded: the run fails with errorCode "budget_exceeded").',
      ),
    userId: memoryUserIdSchema
      .optional()
      .describe("The user of your product the run is for: nodes with `memory` recall and store for them alone."),
    sessionId: memorySessionIdSchema
      .optional()
      .describe("Narrows recall to this session's memories (and shared ones)."),
  })
  .meta({ id: "CreateRun" });
export type CreateRunBody = z.infer<typeof createRunSchema>;

export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1, "Must not be empty")
  .max(MAX_IDEMPOTENCY_KEY_LENGTH, `Use at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);

export const listRunsQuerySchema = z
  .object({
    ...paginationQueryShape,
    workflowId: z.string().max(100).optional().describe("Only runs of this workflow."),
    status: runStatusSchema.optional().describe("Only runs with this status."),
    forkedFrom: z.string().max(100).optional().describe("Only the forks of this run."),
    createdAfter: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time" }).optional(),
    createdBefore: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time" }).optional(),
  })
  .refine((q) => !q.createdAfter || !q.createdBefore || new Date(q.createdAfter) < new Date(q.createdBefore), {
    message: "Must be before createdBefore",
    path: ["createdAfter"],
  });
export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

export const getRunQuerySchema = z.object({
  include: z
    .enum(["inputs"])
    .optional()
    .describe("`inputs`: each step carries its full `input`, as sent to the model (larger responses)."),
});
export type GetRunQuery = z.infer<typeof getRunQuerySchema>;
