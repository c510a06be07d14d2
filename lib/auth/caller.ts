import "server-only";
import { getToken } from "next-auth/jwt";
import { forbidden, unauthorized } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { authSecret, env } from "@/lib/env";
import { API_TOKEN_PREFIX, hashSecret } from "./secret-token";

export type Caller =
  | {
      type: "user";
      userId: string;
      email: string;
      name: string | null;
      /** When the user proved their email address; null until then. */
      emailVerified: Date | null;
    }
  | {
      type: "token";
      tokenId: string;
      tokenName: string;
      workspaceId: string;
      createdById: string | null;
      /** The token's workspace, read with the token so a request needs no second lookup. */
      workspace: { id: string; name: string; slug: string; plan: "free" | "pro" | "team" };
    };

/** lastUsedAt is written at most this often per token, to keep reads cheap. */
const LAST_USED_RESOLUTION_MS = 60_000;

function parseCookies(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq > 0) map.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return map;
}

interface TokenRow {
  id: string;
  name: string;
  workspaceId: string;
  createdById: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** False once the member who created the token has left or been removed. */
  creatorIsMember: boolean;
  workspace: { id: string; name: string; slug: string; plan: "free" | "pro" | "team" };
}

/**
 * The token with its workspace, in one statement: every API request starts here.
 * Removing a member revokes their tokens; the membership check here also covers
 * a membership that went any other way (the user deleted).
 */
async function findToken(tokenHash: string): Promise<TokenRow | undefined> {
  const rows = await db.$queryRaw<TokenRow[]>`
    SELECT t.id, t.name, t."workspaceId", t."createdById", t."expiresAt", t."revokedAt", t."lastUsedAt",
      (t."createdById" IS NULL OR EXISTS (
        SELECT 1 FROM "Membership" m WHERE m."workspaceId" = t."workspaceId" AND m."userId" = t."createdById"
      )) AS "creatorIsMember",
      json_build_object('id', w.id, 'name', w.name, 'slug', w.slug, 'plan', w.plan) AS workspace
    FROM "ApiToken" t JOIN "Workspace" w ON w.id = t."workspaceId"
    WHERE t."tokenHash" = ${tokenHash}`;
  return rows[0];
}

async function callerFromToken(token: string): Promise<Caller> {
  if (!token.startsWith(API_TOKEN_PREFIX)) throw unauthorized("Invalid API token.");
  const row = await findToken(hashSecret(token));
  if (!row) throw unauthorized("Invalid API token.");
  if (row.revokedAt) throw unauthorized("This API token has been revoked.");
  if (!row.creatorIsMember) throw unauthorized("This API token's creator is no longer a member of its workspace.");
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) throw unauthorized("This API token has expired.");
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    type: "token",
    tokenId: row.id,
    tokenName: row.name,
    workspaceId: row.workspaceId,
    createdById: row.createdById,
    workspace: row.workspace,
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A browser sends the session cookie with requests that other sites start, so a
 * write made with it must come from our own pages: Origin must be APP_URL's
 * origin, or this request's own origin (its scheme with its Host), compared
 * whole: scheme, host and port. Without Origin, only `Sec-Fetch-Site:
 * same-origin` vouches for it. Bearer tokens are never sent by a browser on its
 * own, so they are not checked.
 */
function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") {
    if (request.headers.get("sec-fetch-site") === "same-origin") return;
    throw forbidden("Cross-site request refused: a signed-in write needs an Origin header from this site.");
  }
  const sent = originOf(origin);
  if (sent !== null && sent === new URL(env().APP_URL).origin) return;
  const own = new URL(request.url);
  const host = request.headers.get("host");
  const ownOrigin = host ? originOf(`${own.protocol}//${host}`) : own.origin;
  if (sent !== null && sent === ownOrigin) return;
  throw forbidden(`Cross-site request refused: ${origin} is not this site.`);
}

async function callerFromSession(request: Request): Promise<Caller | null> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const secureCookie = [...cookies.keys()].some((k) => k.startsWith("__Secure-next-auth.session-token"));
  const jwt = await getToken({
    // getToken reads only the cookies (and headers) of its request; its type asks for a whole Next request.
    req: { cookies, headers: new Headers() } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: authSecret(),
    secureCookie,
  });
  if (!jwt?.sub) return null;
  const user = await db.user.findUnique({
    where: { id: jwt.sub },
    select: { id: true, email: true, name: true, emailVerified: true },
  });
  if (!user) return null;
  assertSameOrigin(request);
  return { type: "user", userId: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified };
}

/**
 * Who is calling: an API token (`Authorization: Bearer ll_…`) or a signed-in
 * user (the next-auth session cookie). Throws 401 when neither is valid.
 */
export async function resolveCaller(request: Request): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, value] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !value) {
      throw unauthorized("Use `Authorization: Bearer <token>`.");
    }
    return callerFromToken(value);
  }
  const caller = await callerFromSession(request);
  if (!caller) throw unauthorized();
  return caller;
}
