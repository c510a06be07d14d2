"use client";

import { useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { errorMessage } from "@/lib/queries/api-client";
import { useDecideProposal } from "@/lib/queries/use-decide-proposal";

/** The proposal fields of a reflection as served (the dashboard's reflection type predates them). */
const proposalSchema = z.object({
  id: z.string(),
  workflowId: z.string().nullable(),
  proposal: z.enum(["open", "approved", "rejected", "expired"]),
  decisionComment: z.string().nullable(),
});
type Proposal = z.output<typeof proposalSchema>;

const LABELS = {
  open: "proposed: waiting for an admin",
  approved: "proposal approved",
  rejected: "proposal rejected",
  expired: "proposal expired: the workflow changed",
} as const;

function OpenProposal({ slug, agentId, proposal }: { slug: string; agentId: string; proposal: Proposal }) {
  const decide = useDecideProposal(slug, agentId, proposal.id, proposal.workflowId);
  const [comment, setComment] = useState("");
  const send = (decision: "approved" | "rejected") =>
    decide.mutate({ decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  return (
    <div className="mt-3 space-y-2">
      <Field label="Comment" hint="Optional; the agent's next reflection reads it.">
        <Textarea
          id={`proposal-comment-${proposal.id}`}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          maxLength={2000}
        />
      </Field>
      {decide.error ? <Alert tone="error">{errorMessage(decide.error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" loading={decide.isPending} onClick={() => send("approved")}>
          Approve the patch
        </Button>
        <Button variant="ghost" size="sm" disabled={decide.isPending} onClick={() => send("rejected")}>
          Reject
        </Button>
      </div>
    </div>
  );
}

/** A reflection's proposal (agents in propose mode): its state, its comment, and Approve / Reject while open. */
export function ProposalActions({ slug, agentId, reflection }: { slug: string; agentId: string; reflection: unknown }) {
  const parsed = proposalSchema.safeParse(reflection);
  if (!parsed.success) return null;
  const proposal = parsed.data;
  return (
    <div data-testid="proposal">
      <Badge tone={proposal.proposal === "open" ? "warning" : "neutral"}>{LABELS[proposal.proposal]}</Badge>
      {proposal.decisionComment ? (
        <p className="mt-1.5 text-sm text-zinc-600">Comment: {proposal.decisionComment}</p>
      ) : null}
      {proposal.proposal === "open" ? <OpenProposal slug={slug} agentId={agentId} proposal={proposal} /> : null}
    </div>
  );
}
