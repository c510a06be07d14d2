import "server-only";
import { AppError, notFound } from "@/lib/http/errors";
import { newApiToken } from "@/lib/auth/secret-token";
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
  { db, workspaceId }: Scope,
  input: CreateTokenInput & { createdById: string | null },
) {
  const active = await db.apiToken.count({ where: { revokedAt: null } });
  if (active >= MAX_TOKENS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_TOKENS_PER_WORKSPACE} active tokens; revoke one first.`,
    );
  }
  const { token, prefix, hash } = newApiToken();
  const row = await db.apiToken.create({
    data: {
      workspaceId,
      name: input.name,
      prefix,
      tokenHash: hash,
      createdById: input.createdById,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    },
    select: publicFields,
  });
  return { ...row, token };
}

/** Revokes a token at once; revoking twice is harmless. */
export async function revokeToken({ db }: Scope, id: string) {
  const existing = await db.apiToken.findFirst({ where: { id }, select: { id: true, revokedAt: true } });
  if (!existing) throw notFound("Token");
  if (existing.revokedAt) return db.apiToken.findFirstOrThrow({ where: { id }, select: publicFields });
  return db.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: publicFields });
}
