import "server-only";
import { db } from "@/lib/db/client";
import { createPersonalWorkspace } from "@/lib/workspaces/create-workspace";

/**
 * Finds or creates the user behind an OAuth identity. An identity with a
 * verified email joins the account of that email; a new one gets a personal workspace.
 */
export async function linkOAuthUser(input: {
  provider: string;
  providerAccountId: string;
  email?: string | null;
  name: string | null;
  image: string | null;
}): Promise<{ id: string } | null> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    select: { userId: true },
  });
  if (account) return { id: account.userId };
  const email = input.email?.trim().toLowerCase();
  if (!email) return null;
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email } });
    if (!user) {
      user = await tx.user.create({ data: { email, name: input.name, image: input.image } });
      await createPersonalWorkspace(tx, user);
    }
    await tx.account.create({
      data: { userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId },
    });
    return { id: user.id };
  });
}
