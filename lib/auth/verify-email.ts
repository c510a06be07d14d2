import "server-only";
import { forbidden, notFound } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { hashSecret } from "./secret-token";

/**
 * Proves a user's email address with the token from the emailed link, for the
 * signed-in user `userId` only: the link proves that its reader got the mail,
 * and the session that they own the account. Someone who signed up with
 * another person's address would otherwise be verified when that person clicks.
 * The token works once and until it expires; it is claimed and the user marked
 * verified in one transaction. A click from another account uses nothing up.
 */
export async function verifyEmail(token: string, userId: string): Promise<{ email: string }> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const row = await tx.emailVerificationToken.findUnique({
      where: { tokenHash: hashSecret(token) },
      select: { id: true, userId: true },
    });
    if (row && row.userId !== userId) {
      throw forbidden(
        "This link confirms the address of another account. Sign in as the account that signed up with this address, then open the link again.",
      );
    }
    const claimed = row
      ? await tx.emailVerificationToken.updateMany({
          where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        })
      : { count: 0 };
    if (!row || claimed.count === 0) throw notFound("Verification link (it may have expired or been used already)");
    const user = await tx.user.findUniqueOrThrow({
      where: { id: row.userId },
      select: { email: true, emailVerified: true },
    });
    if (!user.emailVerified) await tx.user.update({ where: { id: row.userId }, data: { emailVerified: now } });
    return { email: user.email };
  });
}
