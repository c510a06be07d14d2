import "server-only";
import { hashSecret } from "@/lib/auth/secret-token";
import { db } from "@/lib/db/client";

/**
 * Uses a mailed approval link for the signed-in member it was mailed to: once,
 * before it expires. Returns where it leads (the run page's approval), or null
 * for a link that is unknown, used, expired or another member's. It answers
 * nothing: the member answers on the page. The token names its workspace, so
 * this one read is not scoped by a workspace the caller chose.
 */
export async function openApprovalLink(
  userId: string,
  token: string,
): Promise<{ slug: string; runId: string; nodeId: string | null } | null> {
  const tokenHash = hashSecret(token);
  const { count } = await db.approvalLink.updateMany({
    where: { tokenHash, userId, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return null;
  const link = await db.approvalLink.findUniqueOrThrow({
    where: { tokenHash },
    select: {
      runId: true,
      stepIndex: true,
      run: { select: { workspace: { select: { slug: true } }, steps: { select: { index: true, nodeId: true } } } },
    },
  });
  const nodeId = link.run.steps.find((s) => s.index === link.stepIndex)?.nodeId ?? null;
  return { slug: link.run.workspace.slug, runId: link.runId, nodeId };
}
