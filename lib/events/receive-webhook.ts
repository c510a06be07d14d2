import "server-only";
import { badRequest, notFound, unauthorized } from "@/lib/api/errors";
import { jsonTextProblem } from "@/lib/api/text-safety";
import { decryptSecret } from "@/lib/credentials/cipher";
import { credentialsKey } from "@/lib/credentials/key";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { emitEvent } from "./emit-event";
import { webhookAuthentic } from "./webhook-secret";

/** Bodies of an incoming webhook: an event's data (MAX_EVENT_DATA_CHARS) with room for formatting. */
export const MAX_HOOK_BODY_BYTES = 64 * 1024;

export interface HookRequest {
  hookId: string;
  body: string;
  secret: string | null;
  signature: string | null;
  idempotencyKey: string | null;
}

/**
 * An outside system's event: the hook (404 when unknown or disabled) names
 * the workspace and the event type; the secret or the signature must match
 * (401) before the body is read as the event's data.
 */
export async function receiveWebhook(hook: HookRequest) {
  // The hook id is the only thing known before authentication: it picks the workspace.
  const type = await db.eventType.findUnique({
    where: { webhookId: hook.hookId },
    select: { workspaceId: true, name: true, webhookSecret: true },
  });
  if (!type?.webhookSecret) throw notFound("Webhook");
  const secret = decryptSecret(credentialsKey(), type.workspaceId, type.webhookSecret);
  if (!webhookAuthentic(secret, hook.body, { secret: hook.secret, signature: hook.signature })) {
    throw unauthorized(
      "Send the webhook's secret as ?secret= or sign the body: X-LoopLlama-Signature: sha256=<HMAC-SHA256 hex>.",
    );
  }
  let data: unknown;
  try {
    data = hook.body.trim() ? JSON.parse(hook.body) : {};
  } catch {
    throw badRequest("Request body is not valid JSON.", [{ field: "(body)", message: "Invalid JSON" }]);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw badRequest("The body is the event's data: a JSON object.", [{ field: "data", message: "Use an object" }]);
  }
  const problem = jsonTextProblem(data);
  if (problem) throw badRequest(`Invalid ${problem.field}: ${problem.message}`, [problem]);
  return emitEvent(scopeFor(type.workspaceId), {
    name: type.name,
    data: data as Record<string, unknown>,
    source: "webhook",
    idempotencyKey: hook.idempotencyKey ? `hook:${hook.idempotencyKey}` : null,
  });
}
