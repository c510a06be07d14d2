import "server-only";
import { recordAuditEntry } from "@/lib/audit/record-audit-entry";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";

/**
 * Records a successful sign-in in the audit log of every workspace the user
 * belongs to (a sign-in is not an action in one workspace, and each workspace's
 * admins see their own members' sign-ins): actor and target the user, with
 * the client's address and how they signed in.
 */
export async function recordSignIn(
  userId: string,
  how: { method: "password" | "github"; clientAddress: string | null },
): Promise<void> {
  const memberships = await db.membership.findMany({ where: { userId }, select: { workspaceId: true } });
  for (const { workspaceId } of memberships) {
    await recordAuditEntry(
      scopeFor(workspaceId),
      { type: "user", id: userId, clientAddress: how.clientAddress },
      { action: "user.signed_in", target: { type: "user", id: userId }, details: { method: how.method } },
    );
  }
}
