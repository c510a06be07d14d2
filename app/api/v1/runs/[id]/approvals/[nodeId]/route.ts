import { auditActor } from "@/lib/api/audit";
import * as approvals from "@/lib/api/operations/approvals";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { answerApproval } from "@/lib/runs/approvals/answer-approval";

/** Answers a waiting approval step: the first answer wins, and the run goes on along its edge. */
export const POST = withWorkspace(approvals.answerApproval, async ({ scope, params, body, caller, role, request }) => {
  const by =
    caller.type === "token"
      ? { type: "token" as const, id: caller.tokenId, name: caller.tokenName }
      : { type: "user" as const, id: caller.userId, name: caller.name ?? caller.email };
  const actor = auditActor(caller, request);
  return json(await answerApproval(scope, params.id!, params.nodeId!, body, { role, by, actor }));
});
