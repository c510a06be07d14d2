import "server-only";
import { hashSecret, randomBase62 } from "@/lib/auth/secret-token";
import { db as rootDb } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { mailEnv } from "@/lib/mail/mail-env";
import { sendMail } from "@/lib/mail/send-mail";
import type { APPROVER_ROLES } from "@/lib/graph/approval-schema";
import { approvalMail } from "./approval-mail";

/** The most members one approval mails (the first by when they joined). */
export const MAX_APPROVAL_MAILS = 50;

export function approvalLinkUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/approval-links/${token}`;
}

interface AskedApproval {
  runId: string;
  stepIndex: number;
  nodeId: string;
  prompt: string;
  approvers: readonly (typeof APPROVER_ROLES)[number][] | null;
  expiresAt: string;
}

/**
 * Mails each member who may answer an approval (its roles, or every member)
 * a one-time link to it, when mail is configured; only the link's hash is
 * stored. Safe to repeat (a retried step): a member whose mail went out is not
 * mailed again, one whose mail did not gets a fresh link. Returns how many
 * mails went out.
 */
export async function mailApprovers(scope: Scope, asked: AskedApproval): Promise<number> {
  if (!mailEnv().SMTP_URL) return 0;
  const [members, run, workspace] = await Promise.all([
    scope.db.membership.findMany({
      where: asked.approvers ? { role: { in: [...asked.approvers] } } : {},
      orderBy: { createdAt: "asc" },
      take: MAX_APPROVAL_MAILS,
      select: { userId: true, user: { select: { email: true } } },
    }),
    scope.db.run.findFirst({ where: { id: asked.runId }, select: { workflow: { select: { name: true } } } }),
    rootDb.workspace.findUnique({ where: { id: scope.workspaceId }, select: { name: true } }),
  ]);
  const mailed = new Set(
    (
      await scope.db.approvalLink.findMany({
        where: { runId: asked.runId, stepIndex: asked.stepIndex, mailedAt: { not: null } },
        select: { userId: true },
      })
    ).map((l) => l.userId),
  );
  const expiresAt = new Date(asked.expiresAt);
  let sent = 0;
  for (const member of members.filter((m) => !mailed.has(m.userId))) {
    const token = randomBase62(32);
    const where = { runId: asked.runId, stepIndex: asked.stepIndex, userId: member.userId };
    await scope.db.$transaction([
      scope.db.approvalLink.deleteMany({ where: { ...where, mailedAt: null } }),
      scope.db.approvalLink.create({
        data: { workspaceId: scope.workspaceId, ...where, tokenHash: hashSecret(token), expiresAt },
      }),
    ]);
    const result = await sendMail(
      approvalMail({
        to: member.user.email,
        url: approvalLinkUrl(token),
        workflowName: run?.workflow.name ?? "a workflow",
        workspaceName: workspace?.name ?? "your workspace",
        nodeId: asked.nodeId,
        prompt: asked.prompt,
        expiresAt,
      }),
    );
    if (result?.sent) {
      await scope.db.approvalLink.updateMany({ where, data: { mailedAt: new Date() } });
      sent++;
    }
  }
  return sent;
}
