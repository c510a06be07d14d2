import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { clientAddress } from "@/lib/auth/client-address";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Who made a request, for the audit log: the user or the API token, and the client's address when known. */
export function auditActor(caller: Caller, request: Request): AuditActor {
  const address = clientAddress(request.headers);
  const known = address === "unknown" ? null : address;
  return caller.type === "token"
    ? { type: "token", id: caller.tokenId, clientAddress: known }
    : { type: "user", id: caller.userId, clientAddress: known };
}

/** Records what a request did in the workspace's audit log. */
export async function audit(
  ctx: { scope: Scope; caller: Caller; request: Request },
  action: AuditAction,
  target?: { type: string; id: string },
  details?: Prisma.InputJsonObject,
): Promise<void> {
  await recordAuditEntry(ctx.scope, auditActor(ctx.caller, ctx.request), { action, target, details });
}
