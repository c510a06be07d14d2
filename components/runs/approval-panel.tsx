"use client";

import { useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { Textarea } from "@/components/ui/textarea";
import { errorMessage } from "@/lib/queries/api-client";
import { useAnswerApproval } from "@/lib/queries/use-answer-approval";
import { stepApprovalSchema } from "@/lib/runs/approvals/approval-schemas";
import { MarkdownOutput } from "./markdown-output";

/** A step as the run serves it, read for what an approval needs (other fields pass through unread). */
const waitingApprovalSchema = z.object({
  id: z.string(),
  nodeId: z.string(),
  role: z.string(),
  status: z.literal("waiting"),
  approval: stepApprovalSchema,
});
type WaitingApproval = z.output<typeof waitingApprovalSchema>;

/** The run's approval steps that wait for an answer. */
export function waitingApprovals(steps: readonly unknown[]): WaitingApproval[] {
  return steps.flatMap((s) => {
    const parsed = waitingApprovalSchema.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
}

function who(approvers: readonly string[] | null): string {
  return approvers ? `Only ${approvers.join(" or ")} may answer.` : "Any member may answer.";
}

function timeoutText(then: "reject" | "approve" | "fail"): string {
  return { fail: "the run fails", reject: "it is rejected", approve: "it is approved" }[then];
}

function ApprovalCard({ slug, runId, step }: { slug: string; runId: string; step: WaitingApproval }) {
  const answer = useAnswerApproval(slug, runId, step.nodeId);
  const [comment, setComment] = useState("");
  const send = (decision: "approved" | "rejected") =>
    answer.mutate({ decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  const { approval } = step;
  return (
    <Card id={`approval-${step.nodeId}`} data-testid="approval-panel" className="scroll-mt-4 border-amber-200">
      <CardHeader
        title={`${step.nodeId} waits for your answer`}
        description={
          <>
            {who(approval.approvers)} If nobody answers by <LocalDateTime iso={approval.expiresAt} />,{" "}
            {timeoutText(approval.timeout.then)}.
          </>
        }
      />
      <div className="space-y-4 p-4 sm:p-5">
        <MarkdownOutput text={approval.prompt} />
        <Field label="Comment" hint={`Optional; later nodes read it as {{ ${step.nodeId}.comment }}.`}>
          <Textarea
            id={`approval-comment-${step.id}`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            maxLength={4000}
          />
        </Field>
        {answer.error ? <Alert tone="error">{errorMessage(answer.error)}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button size="sm" loading={answer.isPending} onClick={() => send("approved")}>
            Approve
          </Button>
          <Button variant="ghost" size="sm" disabled={answer.isPending} onClick={() => send("rejected")}>
            Reject
          </Button>
        </div>
      </div>
    </Card>
  );
}

/** The approvals a run waits for, each with its question and Approve / Reject buttons. */
export function ApprovalPanel({ slug, runId, steps }: { slug: string; runId: string; steps: readonly unknown[] }) {
  const waiting = waitingApprovals(steps);
  if (waiting.length === 0) return null;
  return (
    <>
      {waiting.map((step) => (
        <ApprovalCard key={step.id} slug={slug} runId={runId} step={step} />
      ))}
    </>
  );
}
