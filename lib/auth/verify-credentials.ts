import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { hitRateLimit, resetRateLimit } from "@/lib/rate-limit/fixed-window";
import { dummyPasswordHash, verifyPassword } from "./password";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

/**
 * Checks an email and password. Attempts are limited per email and per client
 * address; the answer never says whether the email exists.
 */
export async function verifyCredentials(
  emailInput: string,
  password: string,
  clientIp = "unknown",
): Promise<CredentialsResult> {
  const email = emailInput.trim().toLowerCase();
  const { SIGNIN_MAX_ATTEMPTS: max, SIGNIN_WINDOW_SECONDS: window } = env();
  const [byEmail, byIp] = await Promise.all([
    hitRateLimit(`signin:email:${email}`, max, window),
    hitRateLimit(`signin:ip:${clientIp}`, max * 5, window),
  ]);
  if (!byEmail.allowed || !byIp.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(byEmail.retryAfterSeconds, byIp.retryAfterSeconds),
    };
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid" };
  await resetRateLimit(`signin:email:${email}`);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
