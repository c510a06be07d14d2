import { z } from "zod";

/** Longest comment on a proposal's decision, in characters. */
export const MAX_PROPOSAL_COMMENT_CHARS = 2000;

export const decideProposalSchema = z
  .object({
    decision: z.enum(["approved", "rejected"], { message: "Use approved or rejected" }),
    comment: z
      .string()
      .trim()
      .max(MAX_PROPOSAL_COMMENT_CHARS, `Use at most ${MAX_PROPOSAL_COMMENT_CHARS} characters`)
      .optional()
      .describe("Why; the agent's next reflection reads it."),
  })
  .strict()
  .meta({ id: "ProposalDecision" });
export type ProposalDecision = z.output<typeof decideProposalSchema>;
