import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export interface WorkspaceAccess {
  workspace: { id: string; name: string; slug: string; plan: "free" | "pro" | "team" };
  role: Role;
}

const workspaceSelect = { id: true, name: true, slug: true, plan: true } as const;

/** API tokens act with member rights: they cannot manage tokens, members or billing. */
export const TOKEN_ROLE: Role = "member";

/**
 * The workspace a caller acts in and their role there. A token is bound to its
 * workspace; a user names one (id or slug) or gets their oldest. A workspace the
 * caller does not belong to is a 404, never a 403.
 */
export async function resolveWorkspaceAccess(caller: Caller, requested?: string | null): Promise<WorkspaceAccess> {
  if (caller.type === "token") {
    const { workspace } = caller;
    if (requested && requested !== workspace.id && requested !== workspace.slug) throw notFound("Workspace");
    return { workspace, role: TOKEN_ROLE };
  }
  const membership = await db.membership.findFirst({
    where: requested
      ? { userId: caller.userId, workspace: { OR: [{ id: requested }, { slug: requested }] } }
      : { userId: caller.userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, workspace: { select: workspaceSelect } },
  });
  if (!membership) throw notFound("Workspace");
  return { workspace: membership.workspace, role: membership.role };
}
