import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { randomBase62 } from "@/lib/auth/secret-token";

type Tx = Prisma.TransactionClient;

export const MAX_WORKSPACES_PER_USER = 20;

export const workspaceNameSchema = z.string().trim().min(1, "Name is required").max(60, "Use at most 60 characters");
export const createWorkspaceSchema = z.object({ name: workspaceNameSchema });

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "workspace";
}

async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  if (!(await tx.workspace.findUnique({ where: { slug: base }, select: { id: true } }))) return base;
  for (;;) {
    const candidate = `${base}-${randomBase62(6).toLowerCase()}`;
    if (!(await tx.workspace.findUnique({ where: { slug: candidate }, select: { id: true } }))) {
      return candidate;
    }
  }
}

async function insertWorkspace(tx: Tx, userId: string, name: string) {
  const workspace = await tx.workspace.create({ data: { name, slug: await uniqueSlug(tx, name) } });
  await tx.membership.create({ data: { workspaceId: workspace.id, userId, role: "owner" } });
  return workspace;
}

/** The workspace every new user gets, owned by them. */
export function createPersonalWorkspace(tx: Tx, user: { id: string; email: string; name: string | null }) {
  const who = user.name?.trim() || user.email.split("@")[0] || "My";
  return insertWorkspace(tx, user.id, `${who}'s workspace`);
}

/**
 * Refuses a user who already belongs to the most workspaces allowed. Call it in
 * the transaction that adds the membership: it counts under a per-user lock,
 * so racing requests (creating or joining) cannot pass the limit.
 */
export async function assertRoomForWorkspace(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`workspaces:${userId}`}))) AS l`;
  const belongs = await tx.membership.count({ where: { userId } });
  if (belongs >= MAX_WORKSPACES_PER_USER) {
    throw new AppError(400, "limit_reached", `A user can belong to at most ${MAX_WORKSPACES_PER_USER} workspaces.`);
  }
}

/** Creates a workspace owned by the user. */
export async function createWorkspace({ userId, name }: { userId: string; name: string }) {
  return db.$transaction(async (tx) => {
    await assertRoomForWorkspace(tx, userId);
    return insertWorkspace(tx, userId, name);
  });
}
