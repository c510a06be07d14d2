import type { BadgeTone } from "@/components/ui/badge";
import type { ApiToken } from "@/lib/queries/types";

export function tokenStatus(
  token: Pick<ApiToken, "revokedAt" | "expiresAt">,
  now = Date.now(),
): { label: string; tone: BadgeTone } {
  if (token.revokedAt) return { label: "Revoked", tone: "danger" };
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return { label: "Expired", tone: "warning" };
  return { label: "Active", tone: "success" };
}
