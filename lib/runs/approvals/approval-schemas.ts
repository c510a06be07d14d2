import { z } from "zod";
import { APPROVAL_DECISIONS, APPROVER_ROLES } from "@/lib/graph/approval-schema";

/* Pure zod: the answer an approval takes and what its step shows, for the API and the browser alike. */

/** Longest comment on an answer, in characters. */
export const MAX_APPROVAL_COMMENT_CHARS = 4000;
/** Largest `data` on an answer, as JSON, in characters. */
export const MAX_APPROVAL_DATA_CHARS = 16_000;
export const ANSWER_APPROVAL_MAX_BODY_BYTES = 64 * 1024;

export const answerApprovalSchema = z
  .object({
    decision: z.enum(APPROVAL_DECISIONS, { message: "Use approved or rejected" }),
    comment: z
      .string()
      .trim()
      .max(MAX_APPROVAL_COMMENT_CHARS, `Use at most ${MAX_APPROVAL_COMMENT_CHARS} characters`)
      .optional()
      .describe("Shown on the step, and readable by later nodes as {{ <node>.comment }}."),
    data: z
      .record(z.string(), z.unknown())
      .refine(
        (d) => JSON.stringify(d).length <= MAX_APPROVAL_DATA_CHARS,
        `At most ${MAX_APPROVAL_DATA_CHARS} characters as JSON`,
      )
      .optional()
      .describe("Any fields to hand on (an edited value, say); later nodes read them as {{ <node>.data }}."),
  })
  .strict()
  .meta({ id: "ApprovalAnswer" });
export type ApprovalAnswer = z.output<typeof answerApprovalSchema>;

/** What an approval step asks, stored on the step (`approval`) and served with it. */
export const stepApprovalSchema = z
  .strictObject({
    prompt: z.string().describe("The question, its templates filled in."),
    approvers: z.array(z.enum(APPROVER_ROLES)).nullable().describe("The roles that may answer; null: any member."),
    timeout: z.strictObject({ after: z.string(), then: z.enum(["reject", "approve", "fail"]) }),
    expiresAt: z.iso.datetime().describe("When the timeout acts if nobody has answered."),
  })
  .meta({ id: "StepApproval" });
export type StepApproval = z.output<typeof stepApprovalSchema>;
