import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { ANSWER_APPROVAL_MAX_BODY_BYTES, answerApprovalSchema } from "@/lib/runs/approvals/approval-schemas";
import { runResponseSchema } from "@/lib/runs/response-schemas";

export const answerApproval = defineOperation({
  method: "post",
  path: "/api/v1/runs/{id}/approvals/{nodeId}",
  operationId: "answerApproval",
  permission: "runs.write",
  maxBodyBytes: ANSWER_APPROVAL_MAX_BODY_BYTES,
  summary: "Answer a run's approval step",
  description:
    'A run whose graph reaches a node of kind "approval" waits (status `waiting`, `waitingFor: "approval"`) until a ' +
    "person answers `approved` or `rejected`; the run then goes on along the edge labelled with the decision. The " +
    "decision is the step's output, and the answer (decision, comment, data, who, when) its `data`. The first answer " +
    "wins: a second is 409. A node that names `approvers` takes answers from those roles only (403 for others). " +
    "404 when the run, or an approval step of that node, does not exist in the workspace.",
  tag: "Runs",
  pathParams: { id: "Run id.", nodeId: "The approval node's id." },
  body: answerApprovalSchema,
  responses: { 200: { description: "The run, with the answered step.", schema: runResponseSchema } },
  errors: [404, 409],
});

export const approvalOperations: readonly ApiOperation[] = [answerApproval];
