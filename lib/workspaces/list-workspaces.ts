import "server-only";
import { db } from "@/lib/db/client";

/** The workspaces a user belongs to, with their role, oldest first. */
export async function listWorkspacesForUser(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, workspace: { select: { id: true, name: true, slug: true, plan: true } } },
  });
  return memberships.map((m) => ({ ...m.workspace, role: m.role }));
}
