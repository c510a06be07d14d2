import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendMail, type MailResult } from "@/lib/mail/send-mail";
import { emailVerificationRequired } from "./email-verification-required";
import { hashSecret, randomBase62 } from "./secret-token";
import { verificationMail } from "./verification-mail";

export const VERIFICATION_TTL_HOURS = 24;

export function verificationUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/verify-email/${token}`;
}

/**
 * Emails a fresh verification link (only its hash is stored). Earlier unused
 * links of the user stop working, so only the newest mail counts. Null where
 * no mail server is configured.
 */
export async function sendVerificationEmail(user: { id: string; email: string }): Promise<MailResult | null> {
  if (!emailVerificationRequired()) return null;
  const token = randomBase62(32);
  const expiresAt = new Date(Date.now() + VERIFICATION_TTL_HOURS * 3600_000);
  await db.$transaction([
    db.emailVerificationToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    db.emailVerificationToken.create({ data: { userId: user.id, tokenHash: hashSecret(token), expiresAt } }),
  ]);
  return sendMail(verificationMail({ to: user.email, url: verificationUrl(token), expiresAt }));
}
