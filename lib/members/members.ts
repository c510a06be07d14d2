import "server-only";
import { conflict, forbidden, notFound } from "@/lib/http/errors";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope, TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";

const memberSelect = {
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { email: true, name: true, image: true } },
} as const;

/** The interactive-transaction client of a tenant client: still confined to the workspace. */
type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export function listMembers({ db }: Scope) {
  return db.membership.findMany({ orderBy: { createdAt: "asc" }, select: memberSelect });
}

async function getMembership(db: TenantTx, userId: string) {
  const membership = await db.membership.findFirst({ where: { userId }, select: memberSelect });
  if (!membership) throw notFound("Member");
  return membership;
}

/**
 * Runs a change of members under a per-workspace lock, so concurrent changes
 * (two owners demoting each other) happen one after the other and each sees
 * the roles the previous one left.
 */
function underMembersLock<T>(scope: Scope, change: (tx: TenantTx) => Promise<T>): Promise<T> {
  return scope.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`members:${scope.workspaceId}`}))) AS l`;
    return change(tx);
  });
}

/**
 * The acting user's role as it is now, inside the lock: a role read at the start
 * of the request may already have been taken away by a concurrent change.
 */
async function currentActorRole(tx: TenantTx, actor: { userId: string | null; role: Role }): Promise<Role> {
  if (!actor.userId) return actor.role;
  const row = await tx.membership.findFirst({ where: { userId: actor.userId }, select: { role: true } });
  if (!row) throw notFound("Workspace");
  return row.role;
}

async function assertNotLastOwner(tx: TenantTx, target: { role: Role }) {
  if (target.role !== "owner") return;
  const owners = await tx.membership.count({ where: { role: "owner" } });
  if (owners <= 1) throw conflict("A workspace needs at least one owner: make someone else owner first.");
}

/**
 * Revokes the pending invites `userId` created in this workspace: one who can no
 * longer invite (removed, or now a member) leaves no open invitation behind.
 */
async function revokeInvitesBy(tx: TenantTx, userId: string) {
  await tx.invite.updateMany({
    where: { invitedById: userId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/** Only an owner may grant the owner role or change an owner. */
function assertMayTouch(actorRole: Role, targetRole: Role, newRole?: Role) {
  if (actorRole === "owner") return;
  if (targetRole === "owner" || newRole === "owner") {
    throw forbidden("Only an owner can change an owner or make someone owner.");
  }
}

/**
 * Changes a member's role. It takes effect at the member's next request:
 * sessions carry no role, every request reads it. Made a member, they keep no
 * pending invites: those they created are revoked with the change.
 */
export async function updateMemberRole(
  scope: Scope,
  actor: { userId: string | null; role: Role },
  userId: string,
  role: Role,
  auditBy: AuditActor,
) {
  return underMembersLock(scope, async (tx) => {
    const actorRole = await currentActorRole(tx, actor);
    if (actorRole !== "owner" && actorRole !== "admin")
      throw forbidden(`Your role (${actorRole}) does not allow this.`);
    const target = await getMembership(tx, userId);
    assertMayTouch(actorRole, target.role, role);
    if (target.role === role) return target;
    if (role !== "owner") await assertNotLastOwner(tx, target);
    if (role === "member") await revokeInvitesBy(tx, userId);
    const updated = await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: scope.workspaceId, userId } },
      data: { role },
      select: memberSelect,
    });
    await appendAuditEntry(tx, scope.workspaceId, auditBy, {
      action: "member.role_changed",
      target: { type: "user", id: userId },
      details: { from: target.role, role },
    });
    return updated;
  });
}

/**
 * Removes a member. Owners and admins remove others (admins not owners);
 * anyone may leave, except the last owner. The API tokens and pending invites
 * the member created in this workspace are revoked with the membership.
 */
export async function removeMember(
  scope: Scope,
  actor: { userId: string | null; role: Role; canManage: boolean },
  userId: string,
  auditBy: AuditActor,
) {
  await underMembersLock(scope, async (tx) => {
    const target = await getMembership(tx, userId);
    const leaving = actor.userId === userId;
    if (!leaving) {
      const actorRole = await currentActorRole(tx, actor);
      if (!actor.canManage || (actorRole !== "owner" && actorRole !== "admin")) {
        throw forbidden("Your role does not allow removing members.");
      }
      assertMayTouch(actorRole, target.role);
    }
    await assertNotLastOwner(tx, target);
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: scope.workspaceId, userId } } });
    await tx.apiToken.updateMany({ where: { createdById: userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await revokeInvitesBy(tx, userId);
    await appendAuditEntry(tx, scope.workspaceId, auditBy, {
      action: "member.removed",
      target: { type: "user", id: userId },
      details: { role: target.role, left: leaving },
    });
  });
}
