import { auditActor } from "@/lib/api/audit";
import * as runs from "@/lib/api/operations/runs";
import { badRequest } from "@/lib/http/errors";
import { withWorkspace } from "@/lib/api/handler";
import { json, zodDetails, zodMessage } from "@/lib/http/respond";
import { createRun } from "@/lib/runs/create-run";
import { idempotencyKeySchema } from "@/lib/runs/schemas";

/**
 * The caller's key in its own namespace: it cannot take the key of a run the
 * system starts (`schedule:…` for a cron slot, `tool:…`, `agent-tick:…`, `event:…`).
 */
function idempotencyKey(request: Request): string | null {
  const raw = request.headers.get("idempotency-key");
  if (raw === null) return null;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success)
    throw badRequest(zodMessage(parsed.error, "Idempotency-Key"), zodDetails(parsed.error, "Idempotency-Key"));
  return `api:${parsed.data}`;
}

/**
 * Queues a run of the workflow's current crew: 202 with the run and its pending
 * steps. With an `Idempotency-Key` header, repeating the request returns the
 * same run (200).
 */
export const POST = withWorkspace(runs.createRun, async ({ scope, caller, request, params, body }) => {
  const { run, created } = await createRun(scope, {
    workflowId: params.id!,
    input: body.input,
    budget: body.budget,
    memory: body.userId ? { userId: body.userId, sessionId: body.sessionId } : null,
    idempotencyKey: idempotencyKey(request),
    triggeredBy: caller.type === "token" ? "token" : "user",
    triggeredById: caller.type === "token" ? caller.tokenId : caller.userId,
    actor: auditActor(caller, request),
  });
  return json(run, { status: created ? 202 : 200, headers: created ? {} : { "idempotent-replayed": "true" } });
});
