import "server-only";
import { conflict, forbidden, notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";

const memberSelect = {
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { email: true, name: true, image: true } },
} as const;

export function listMembers({ db }: Scope) {
  return db.membership.findMany({ orderBy: { createdAt: "asc" }, select: memberSelect });
}

async function getMembership({ db }: Scope, userId: string) {
  const membership = await db.membership.findFirst({ where: { userId }, select: memberSelect });
  if (!membership) throw notFound("Member");
  return membership;
}

async function assertNotLastOwner({ db }: Scope, target: { role: Role }) {
  if (target.role !== "owner") return;
  const owners = await db.membership.count({ where: { role: "owner" } });
  if (owners <= 1) throw conflict("A workspace needs at least one owner: make someone else owner first.");
}

/** Only an owner may grant the owner role or change an owner. */
function assertMayTouch(actorRole: Role, targetRole: Role, newRole?: Role) {
  if (actorRole === "owner") return;
  if (targetRole === "owner" || newRole === "owner") {
    throw forbidden("Only an owner can change an owner or make someone owner.");
  }
}

export async function updateMemberRole(scope: Scope, actorRole: Role, userId: string, role: Role) {
  const target = await getMembership(scope, userId);
  assertMayTouch(actorRole, target.role, role);
  if (target.role === role) return target;
  if (role !== "owner") await assertNotLastOwner(scope, target);
  return scope.db.membership.update({
    where: { workspaceId_userId: { workspaceId: scope.workspaceId, userId } },
    data: { role },
    select: memberSelect,
  });
}

/**
 * Removes a member. Owners and admins remove others (admins not owners);
 * anyone may leave, except the last owner.
 */
export async function removeMember(
  scope: Scope,
  actor: { userId: string | null; role: Role; canManage: boolean },
  userId: string,
) {
  const target = await getMembership(scope, userId);
  const leaving = actor.userId === userId;
  if (!leaving) {
    if (!actor.canManage) throw forbidden("Your role does not allow removing members.");
    assertMayTouch(actor.role, target.role);
  }
  await assertNotLastOwner(scope, target);
  await scope.db.membership.delete({ where: { workspaceId_userId: { workspaceId: scope.workspaceId, userId } } });
}
