import { auditActor } from "@/lib/api/audit";
import * as proposals from "@/lib/api/operations/proposals";
import { decideProposal } from "@/lib/agents/decide-proposal";
import { withWorkspace } from "@/lib/api/handler";
import { ROLE_RANK } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { json } from "@/lib/http/respond";

/** An admin approves an agent's proposed patch (a new workflow version) or rejects it. */
export const POST = withWorkspace(proposals.decideProposal, async (ctx) => {
  const { scope, caller, request, role, params, body } = ctx;
  if (ROLE_RANK[role] < ROLE_RANK.admin) throw forbidden("Only an admin or owner may decide an agent's proposal.");
  const by = caller.type === "user" ? caller.userId : null;
  const decided = await decideProposal(scope, auditActor(caller, request), params.id!, params.rid!, body, by);
  return json(decided);
});
