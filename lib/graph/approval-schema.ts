import { z } from "zod";

/* Pure: the approval node's fields, shared by the API, the compiler and the editor (its rules: ./approval.ts). */

/** The two answers an approval takes; the edges leaving an approval node are labelled with them. */
export const APPROVAL_DECISIONS = ["approved", "rejected"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** The fields of an answer that later prompts read as {{ <node>.<field> }}. */
export const APPROVAL_ANSWER_FIELDS = ["decision", "comment", "data"] as const;

/** The roles that may be named as approvers. */
export const APPROVER_ROLES = ["owner", "admin", "member"] as const;

/** The longest an approval may wait: 30 days, in minutes. */
export const MAX_APPROVAL_WAIT_MINUTES = 30 * 24 * 60;
/** How long an approval with no timeout waits before the run fails: 7 days. */
export const DEFAULT_APPROVAL_TIMEOUT = { after: "7d", then: "fail" } as const;

const DURATION = /^(\d{1,5})([mhd])$/;
const MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };

/** Minutes in a duration such as "30m", "24h" or "7d"; null when it is not one. */
export function durationMinutes(text: string): number | null {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * MINUTES[m[2]!]! : null;
}

export const approvalTimeoutSchema = z
  .object({
    after: z
      .string()
      .refine((s) => durationMinutes(s) !== null, 'Use minutes, hours or days, as in "30m", "24h" or "7d"')
      .refine((s) => (durationMinutes(s) ?? 0) > 0, "Use more than 0")
      .refine(
        (s) => (durationMinutes(s) ?? 0) <= MAX_APPROVAL_WAIT_MINUTES,
        `At most ${MAX_APPROVAL_WAIT_MINUTES / 1440} days`,
      )
      .describe('How long to wait for an answer: "30m", "24h", "7d" (at most 30 days).'),
    then: z
      .enum(["reject", "approve", "fail"], { message: "Use reject, approve or fail" })
      .describe("What happens when nobody answers in time: the run goes on as rejected or approved, or fails."),
  })
  .strict()
  .meta({ id: "ApprovalTimeout" });
export type ApprovalTimeout = z.output<typeof approvalTimeoutSchema>;

/** The fields only an approval node takes, merged into the node's shape. */
export const approvalNodeFields = {
  kind: z
    .enum(["agent", "approval"])
    .optional()
    .describe(
      'What the node is: "agent" (the default) asks a model; "approval" pauses the run until a person answers ' +
        "approved or rejected. An approval asks its systemPrompt (with templates) and calls no model.",
    ),
  approvers: z
    .array(z.enum(APPROVER_ROLES, { message: "Use owner, admin or member" }))
    .min(1, "Name at least one role, or leave approvers out (any member may answer)")
    .max(APPROVER_ROLES.length)
    .optional()
    .describe("Approval nodes: the roles that may answer; left out, any member may."),
  timeout: approvalTimeoutSchema
    .optional()
    .describe('Approval nodes: how long to wait and what then; left out, the run fails after 7 days ("7d", "fail").'),
};
