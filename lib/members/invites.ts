import "server-only";
import { AppError, conflict, forbidden, notFound, tooManyRequests } from "@/lib/http/errors";
import { assertEmailVerified } from "@/lib/auth/assert-email-verified";
import { auditedWrite } from "@/lib/audit/audited-write";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import { hashSecret, randomBase62 } from "@/lib/auth/secret-token";
import { db as rootDb } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { sendMail } from "@/lib/mail/send-mail";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";
import { assertRoomForWorkspace } from "@/lib/workspaces/create-workspace";
import { inviteMail } from "./invite-mail";
import { INVITE_TTL_DAYS, MAX_PENDING_INVITES, type CreateInviteInput } from "./schemas";

const inviteSelect = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
} as const;

export function inviteUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/invite/${token}`;
}

const pendingWhere = () => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } });

export function listPendingInvites({ db }: Scope) {
  return db.invite.findMany({
    where: pendingWhere(),
    orderBy: { createdAt: "desc" },
    select: inviteSelect,
  });
}

export interface InviteActor {
  userId: string;
  role: Role;
  name: string | null;
  email: string;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Counts an invite against the inviter's and the workspace's daily caps, on
 * the transaction that creates it: a refused invite, or one that fails later,
 * does not count. Invites created count, not open ones, so revoking and
 * inviting again does not make room.
 */
async function countInvite(sql: SqlRunner, actor: InviteActor, workspaceId: string, now: Date) {
  const { INVITES_PER_INVITER_PER_DAY, INVITES_PER_WORKSPACE_PER_DAY } = env();
  const mine = await hitRateLimit(`invites:user:${actor.userId}`, INVITES_PER_INVITER_PER_DAY, DAY_SECONDS, now, sql);
  if (!mine.allowed) {
    throw tooManyRequests(
      `You can send ${INVITES_PER_INVITER_PER_DAY} invites a day (revoked ones count); try again tomorrow (UTC).`,
      mine.retryAfterSeconds,
    );
  }
  const workspace = await hitRateLimit(
    `invites:workspace:${workspaceId}`,
    INVITES_PER_WORKSPACE_PER_DAY,
    DAY_SECONDS,
    now,
    sql,
  );
  if (!workspace.allowed) {
    throw tooManyRequests(
      `This workspace can send ${INVITES_PER_WORKSPACE_PER_DAY} invites a day (revoked ones count); try again tomorrow (UTC).`,
      workspace.retryAfterSeconds,
    );
  }
}

/**
 * Creates an invite and returns its link (shown once; only a hash is stored).
 * Where SMTP is configured the link is also emailed; a mail that fails leaves
 * the invite in place and says why (`emailError`). Where mail is configured the
 * inviter must have verified their own address, so an unproved account cannot
 * send mail naming a workspace; and every inviter and workspace has a daily cap.
 */
export async function createInvite(
  scope: Scope,
  actor: InviteActor,
  input: CreateInviteInput & { workspaceName: string },
  auditBy: AuditActor,
) {
  if (input.role === "owner" && actor.role !== "owner") throw forbidden("Only an owner can invite an owner.");
  await assertEmailVerified(actor.userId, "invite members");
  const { db, workspaceId } = scope;
  const already = await db.membership.findFirst({ where: { user: { email: input.email } }, select: { userId: true } });
  if (already) throw conflict(`${input.email} is already a member of this workspace.`);
  const token = randomBase62(32);
  // Counted and inserted under a per-workspace lock, so concurrent invites cannot pass the limit.
  const invite = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`invites:${workspaceId}`}))) AS l`;
    const pending = await tx.invite.count({ where: pendingWhere() });
    if (pending >= MAX_PENDING_INVITES) {
      throw new AppError(400, "limit_reached", `At most ${MAX_PENDING_INVITES} pending invites; revoke some first.`);
    }
    await countInvite(tx, actor, workspaceId, new Date());
    const created = await tx.invite.create({
      data: {
        workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashSecret(token),
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 24 * 3600 * 1000),
      },
      select: inviteSelect,
    });
    await appendAuditEntry(tx, workspaceId, auditBy, {
      action: "invite.created",
      target: { type: "invite", id: created.id },
      details: { role: input.role },
    });
    return created;
  });
  const url = inviteUrl(token);
  const delivery = await sendMail(
    inviteMail({
      to: invite.email,
      url,
      role: invite.role,
      expiresAt: invite.expiresAt,
      workspaceName: input.workspaceName,
      inviter: actor,
    }),
  );
  return {
    ...invite,
    url,
    emailed: delivery?.sent ?? false,
    emailError: delivery && !delivery.sent ? delivery.reason : null,
  };
}

export async function revokeInvite(scope: Scope, auditBy: AuditActor, id: string) {
  await auditedWrite(
    scope,
    auditBy,
    async (tx) => {
      const { count } = await tx.invite.updateMany({
        where: { id, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw notFound("Invite");
    },
    () => ({ action: "invite.revoked", target: { type: "invite", id } }),
  );
}

async function findUsableInvite(token: string) {
  const invite = await rootDb.invite.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { ...inviteSelect, workspaceId: true, workspace: { select: { name: true, slug: true } } },
  });
  if (!invite || invite.revokedAt || invite.acceptedAt || invite.expiresAt <= new Date()) {
    throw notFound("Invite (it may have expired, been used or been revoked)");
  }
  return invite;
}

/** What the invite page shows before the user accepts. */
export async function describeInvite(token: string) {
  const invite = await findUsableInvite(token);
  return { email: invite.email, role: invite.role, workspace: invite.workspace };
}

/**
 * Joins the signed-in user to the invite's workspace. The account's email must
 * match the invite and, where mail is configured, be verified: otherwise whoever
 * signed up first with an address would receive the invites sent to it.
 */
export async function acceptInvite(
  token: string,
  user: { userId: string; email: string; clientAddress?: string | null },
) {
  const invite = await findUsableInvite(token);
  if (invite.email !== user.email.toLowerCase()) {
    throw forbidden(`This invite is for ${invite.email}; sign in with that email to accept it.`);
  }
  await assertEmailVerified(user.userId);
  return rootDb.$transaction(async (tx) => {
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw notFound("Invite");
    const already = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: user.userId } },
      select: { role: true },
    });
    if (!already) await assertRoomForWorkspace(tx, user.userId);
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: user.userId } },
      create: { workspaceId: invite.workspaceId, userId: user.userId, role: invite.role },
      update: {},
    });
    if (!already) {
      await appendAuditEntry(
        tx,
        invite.workspaceId,
        { type: "user", id: user.userId, clientAddress: user.clientAddress ?? null },
        {
          action: "member.joined",
          target: { type: "user", id: user.userId },
          details: { role: invite.role, inviteId: invite.id },
        },
      );
    }
    return invite.workspace;
  });
}
