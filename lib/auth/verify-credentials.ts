import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit/fixed-window";
import { pruneRateLimitWindows } from "@/lib/rate-limit/prune-rate-limit-windows";
import { dummyPasswordHash, verifyPassword } from "./password";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

/** No account has a longer email (sign-up refuses it); such an attempt is refused before any lookup. */
const MAX_EMAIL_LENGTH = 254;

/**
 * Checks an email and password; the answer never says whether the email exists.
 * Attempts are limited per email and client address together, so failing on
 * purpose from elsewhere cannot lock the real user out, and per client address
 * (five times as many) across all emails, so one client cannot try many accounts.
 * The client address comes from the socket (or the trusted proxies), but a
 * guesser may still have many, so each email also has a ceiling of its own
 * (ten times the per-pair limit) that no number of addresses escapes.
 */
export async function verifyCredentials(
  emailInput: string,
  password: string,
  clientIp = "unknown",
): Promise<CredentialsResult> {
  const email = emailInput.trim().toLowerCase();
  const { SIGNIN_MAX_ATTEMPTS: max, SIGNIN_WINDOW_SECONDS: window } = env();
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, reason: "invalid" };
  const pairKey = `signin:pair:${clientIp}:${email}`;
  const [byPair, byClient, byEmail] = await Promise.all([
    hitRateLimit(pairKey, max, window),
    hitRateLimit(`signin:ip:${clientIp}`, max * 5, window),
    hitRateLimit(`signin:email:${email}`, max * 10, window),
    // Each attempt writes windows, and clears those long over.
    pruneRateLimitWindows(),
  ]);
  const limits = [byPair, byClient, byEmail];
  if (limits.some((l) => !l.allowed)) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(...limits.filter((l) => !l.allowed).map((l) => l.retryAfterSeconds)),
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
