import "server-only";
import { AppError, notFound } from "@/lib/http/errors";
import { newApiToken } from "@/lib/auth/secret-token";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { MAX_TOKENS_PER_WORKSPACE, type CreateTokenInput } from "./schemas";

const publicFields = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdById: true,
} as const;

export function listTokens({ db }: Scope) {
  return db.apiToken.findMany({ orderBy: { createdAt: "desc" }, select: publicFields });
}

/** Creates a token; the secret is returned once and only its hash is stored. */
export async function createToken(
  scope: Scope,
  actor: AuditActor,
  input: CreateTokenInput & { createdById: string | null },
) {
  const { workspaceId } = scope;
  const active = await scope.db.apiToken.count({ where: { revokedAt: null } });
  if (active >= MAX_TOKENS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_TOKENS_PER_WORKSPACE} active tokens; revoke one first.`,
    );
  }
  const { token, prefix, hash } = newApiToken();
  const row = await auditedWrite(
    scope,
    actor,
    (tx) =>
      tx.apiToken.create({
        data: {
          workspaceId,
          name: input.name,
          prefix,
          tokenHash: hash,
          createdById: input.createdById,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        },
        select: publicFields,
      }),
    (created) => ({
      action: "token.created",
      target: { type: "token", id: created.id },
      details: { name: created.name },
    }),
  );
  return { ...row, token };
}

/** Revokes a token at once; revoking twice is harmless. */
export async function revokeToken(scope: Scope, actor: AuditActor, id: string) {
  const existing = await scope.db.apiToken.findFirst({ where: { id }, select: { id: true, revokedAt: true } });
  if (!existing) throw notFound("Token");
  if (existing.revokedAt) return scope.db.apiToken.findFirstOrThrow({ where: { id }, select: publicFields });
  return auditedWrite(
    scope,
    actor,
    (tx) => tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: publicFields }),
    () => ({ action: "token.revoked", target: { type: "token", id } }),
  );
}
