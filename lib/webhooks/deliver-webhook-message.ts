import "server-only";
import { Webhook } from "standardwebhooks";
import { scopeFor } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { blockedCause, guardedFetch } from "@/lib/outbound/guarded-agent";
import { disableFailingEndpoint } from "./disable-failing-endpoint";
import { openEndpointSecret } from "./endpoint-secret";
import { webhookPolicy } from "./outbound-policy";
import { retryableStatus, retryAfterMs, retryDelayMs } from "./retry-delay";

/** How much of a response the delivery log keeps. */
const EXCERPT_CHARS = 500;

export type AttemptOutcome =
  | { result: "delivered" | "failed" | "gone" }
  /** `at`: when the next attempt is due (ISO), as recorded on the message. */
  | { result: "retry"; at: string };

/** The `webhook-signature` header: v1 under the current secret, and under the previous one while it overlaps. */
function signature(secrets: string[], id: string, at: Date, body: string): string {
  return secrets.map((s) => new Webhook(s).sign(id, at, body)).join(" ");
}

async function readExcerpt(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  while (text.length < EXCERPT_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.slice(0, EXCERPT_CHARS);
}

/**
 * One attempt at a message: signs its body per Standard Webhooks (its id is
 * the message's, the same on every attempt), POSTs it through the guarded
 * outbound path and records how it went. 2xx delivers it; 408, 429, 5xx and
 * network errors are retried while attempts remain (after Retry-After when the
 * receiver sends one); any other answer fails it at once. A message whose
 * endpoint is gone, disabled or already delivered is left alone.
 */
export async function deliverWebhookMessage(workspaceId: string, messageId: string): Promise<AttemptOutcome> {
  const scope = scopeFor(workspaceId);
  const message = await scope.db.webhookMessage.findFirst({
    where: { id: messageId },
    select: {
      id: true,
      status: true,
      attempts: true,
      payload: true,
      endpointId: true,
      createdAt: true,
      endpoint: {
        select: { url: true, secret: true, previousSecret: true, previousSecretUntil: true, disabledAt: true },
      },
    },
  });
  if (!message || message.status !== "pending" || message.endpoint.disabledAt) return { result: "gone" };
  const { endpoint } = message;
  const e = env();
  const secrets = [openEndpointSecret(workspaceId, endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date()) {
    secrets.push(openEndpointSecret(workspaceId, endpoint.previousSecret));
  }
  const body = JSON.stringify(message.payload);
  const started = new Date();
  let status: number | null = null;
  let excerpt: string;
  let retryAfter: number | null = null;
  let blocked = false;
  try {
    const res = await guardedFetch(webhookPolicy(), { credentialed: false })(endpoint.url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/json",
        "user-agent": "LoopLlama-Webhooks/1",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(started.getTime() / 1000)),
        "webhook-signature": signature(secrets, message.id, started, body),
      },
      body,
      signal: AbortSignal.timeout(e.WEBHOOK_TIMEOUT_MS),
    });
    status = res.status;
    retryAfter = retryAfterMs(res.headers.get("retry-after"), new Date());
    excerpt = await readExcerpt(res).catch(() => "");
  } catch (err) {
    const refused = blockedCause(err);
    blocked = refused !== null;
    const cause = (err as { cause?: unknown }).cause;
    excerpt = (refused ?? ((cause instanceof Error ? cause : err) as Error)).message ?? String(err);
  }
  const finished = new Date();
  const attempts = message.attempts + 1;
  const delivered = status !== null && status >= 200 && status < 300;
  const retry =
    !delivered && !blocked && (status === null || retryableStatus(status)) && attempts < e.WEBHOOK_MAX_ATTEMPTS;
  const delayMs = retry ? retryDelayMs(attempts, e.WEBHOOK_RETRY_BASE_MS, retryAfter) : 0;
  const result = delivered ? "delivered" : retry ? "retry" : "failed";
  // Retryable failures until no attempt was left: the endpoint has been failing for as long as the retries last.
  const exhausted = !delivered && !retry && !blocked && (status === null || retryableStatus(status));
  const nextAttemptAt = retry ? new Date(finished.getTime() + delayMs) : null;
  // Before the message is marked failed, so whoever sees it failed sees the endpoint disabled too.
  if (exhausted) await disableFailingEndpoint(scope, message.endpointId, message.createdAt);
  await scope.db.webhookMessage.updateMany({
    where: { id: message.id, status: "pending" },
    data: {
      attempts,
      status: result === "retry" ? "pending" : result,
      lastAttemptAt: started,
      nextAttemptAt,
      responseStatus: status,
      responseExcerpt: excerpt.slice(0, EXCERPT_CHARS),
      durationMs: finished.getTime() - started.getTime(),
      ...(delivered ? { deliveredAt: finished } : {}),
    },
  });
  return nextAttemptAt
    ? { result: "retry", at: nextAttemptAt.toISOString() }
    : { result: result as "delivered" | "failed" };
}
