import "server-only";
import { db } from "@/lib/db/client";
import { createPersonalWorkspace } from "@/lib/workspaces/create-workspace";

/** Why a sign-in was refused: codes the sign-in page words (components/auth/signin-messages.ts). */
export type LinkRefusal = "OAuthNoEmail" | "OAuthEmailUnverified" | "OAuthAccountUnverified";

/**
 * Finds or creates the user behind an OAuth identity. An identity already
 * linked signs in to its user. Otherwise the provider must have verified the
 * email: a new email gets a new (verified) user with a personal workspace, and
 * an existing account is joined only if its own email is verified too, so
 * neither side can take over the other by claiming an address.
 */
export async function linkOAuthUser(input: {
  provider: string;
  providerAccountId: string;
  email?: string | null;
  emailVerified: boolean;
  name: string | null;
  image: string | null;
}): Promise<{ id: string } | { refused: LinkRefusal }> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    select: { userId: true },
  });
  if (account) return { id: account.userId };
  const email = input.email?.trim().toLowerCase();
  if (!email) return { refused: "OAuthNoEmail" };
  if (!input.emailVerified) return { refused: "OAuthEmailUnverified" };
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, emailVerified: true },
    });
    if (user && !user.emailVerified) return { refused: "OAuthAccountUnverified" as const };
    if (!user) {
      user = await tx.user.create({
        data: { email, name: input.name, image: input.image, emailVerified: new Date() },
        select: { id: true, email: true, name: true, emailVerified: true },
      });
      await createPersonalWorkspace(tx, user);
    }
    await tx.account.create({
      data: { userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId },
    });
    return { id: user.id };
  });
}
