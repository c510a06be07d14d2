import "server-only";
import { conflict, tooManyRequests } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";
import { emailVerificationRequired } from "./email-verification-required";
import { sendVerificationEmail } from "./send-verification-email";

/** Verification mails one user may ask for per hour. */
export const RESEND_LIMIT_PER_HOUR = 3;

/**
 * Sends the signed-in user a new verification link, a few times an hour at
 * most. A mail the server refuses is reported (`emailError`), as for invites.
 */
export async function resendVerification(
  userId: string,
): Promise<{ email: string; emailed: boolean; emailError: string | null }> {
  if (!emailVerificationRequired()) {
    throw conflict("This server sends no email, so there is nothing to verify.");
  }
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, emailVerified: true },
  });
  if (user.emailVerified) throw conflict("Your email address is already verified.");
  const limit = await hitRateLimit(`verify-resend:${user.id}`, RESEND_LIMIT_PER_HOUR, 3600);
  if (!limit.allowed) {
    throw tooManyRequests(
      `A verification email can be sent ${RESEND_LIMIT_PER_HOUR} times an hour; try again later.`,
      limit.retryAfterSeconds,
    );
  }
  const delivery = await sendVerificationEmail(user);
  return {
    email: user.email,
    emailed: delivery?.sent ?? false,
    emailError: delivery && !delivery.sent ? delivery.reason : null,
  };
}
