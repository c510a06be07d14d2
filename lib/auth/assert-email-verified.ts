import "server-only";
import { AppError } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { emailVerificationRequired } from "./email-verification-required";

/**
 * Refuses (403 `email_unverified`) a user who has not yet proved their email
 * address, where proving it is required. `action` names what they tried, for
 * the message ("invite members").
 */
export async function assertEmailVerified(userId: string, action?: string): Promise<void> {
  if (!emailVerificationRequired()) return;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (user && !user.emailVerified) {
    throw new AppError(
      403,
      "email_unverified",
      `Verify your email address ${action ? `before you ${action}` : "first"}: open the link we sent to ${user.email} (you can have it sent again from the dashboard).`,
    );
  }
}
