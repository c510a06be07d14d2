import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { clientAddress } from "@/lib/auth/client-address";
import type { AuditActor } from "@/lib/audit/record-audit-entry";

/**
 * Who made a request, for the audit log: the user or the API token, and the
 * client's address when known. Route handlers pass it to the lib function that
 * performs the action, which records the entry in the action's transaction.
 */
export function auditActor(caller: Caller, request: Request): AuditActor {
  const address = clientAddress(request.headers);
  const known = address === "unknown" ? null : address;
  return caller.type === "token"
    ? { type: "token", id: caller.tokenId, clientAddress: known }
    : { type: "user", id: caller.userId, clientAddress: known };
}
