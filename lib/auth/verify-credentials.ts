import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit/fixed-window";
import { pruneRateLimitWindows } from "@/lib/rate-limit/prune-rate-limit-windows";
import { dummyPasswordHash, verifyPassword } from "./password";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

/**
 * Checks an email and password; the answer never says whether the email exists.
 * Attempts are limited per email and client address together, so failing on
 * purpose from elsewhere cannot lock the real user out, and per client address
 * (five times as many) across all emails, so one client cannot try many accounts.
 */
export async function verifyCredentials(
  emailInput: string,
  password: string,
  clientIp = "unknown",
): Promise<CredentialsResult> {
  const email = emailInput.trim().toLowerCase();
  const { SIGNIN_MAX_ATTEMPTS: max, SIGNIN_WINDOW_SECONDS: window } = env();
  const pairKey = `signin:pair:${clientIp}:${email}`;
  const [byPair, byClient] = await Promise.all([
    hitRateLimit(pairKey, max, window),
    hitRateLimit(`signin:ip:${clientIp}`, max * 5, window),
    // Each attempt writes windows, and clears those long over.
    pruneRateLimitWindows(),
  ]);
  if (!byPair.allowed || !byClient.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(byPair.retryAfterSeconds, byClient.retryAfterSeconds),
    };
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid" };
  await resetRateLimit(pairKey);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
