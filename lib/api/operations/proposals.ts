import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { reflectionResponseSchema } from "@/lib/agents/response-schemas";
import { decideProposalSchema } from "@/lib/agents/proposal-schemas";

export const decideProposal = defineOperation({
  method: "post",
  path: "/api/v1/agents/{id}/reflections/{rid}/decide",
  operationId: "decideProposal",
  permission: "agents.write",
  summary: "Approve or reject an agent's proposed patch",
  description:
    'An agent with `patchMode: "propose"` stores a modify verdict\'s patch as a proposal (`proposal: "open"`). An ' +
    "admin or owner approves it (it becomes the workflow's new version, as an applied patch does) or rejects it, " +
    "with an optional comment the agent's next reflection reads. Members and API tokens get 403. A decided proposal " +
    "is 409, and so is one whose workflow has changed since (it is marked expired).",
  tag: "Agents",
  pathParams: { id: "Agent id.", rid: "Reflection id." },
  body: decideProposalSchema,
  responses: { 200: { description: "The reflection, decided.", schema: reflectionResponseSchema } },
  errors: [404, 409],
});

export const proposalOperations: readonly ApiOperation[] = [decideProposal];
