import { encode } from "next-auth/jwt";
import { signUp } from "@/lib/auth/sign-up";
import { CLIENT_ADDRESS_HEADER, stampClientAddress } from "@/lib/auth/stamp-client-address";
import { newApiToken, randomBase62 } from "@/lib/auth/secret-token";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { OperationHandler } from "@/lib/api/handler";
import { checkResponse } from "./contract";

export const uniqueEmail = (label = "user") => `${label}-${randomBase62(10).toLowerCase()}@example.test`;

/** A real next-auth session cookie for the user, as the sign-in flow would set. */
export async function sessionCookie(userId: string, email: string): Promise<string> {
  const token = await encode({ token: { sub: userId, email }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  workspaceId: string;
  slug: string;
  cookie: string;
  /** An API token of the user's personal workspace. */
  token: string;
}

/** Signs a user up (through the real sign-up), with a session cookie and an API token. */
export async function makeUser(label = "user"): Promise<TestUser> {
  const email = uniqueEmail(label);
  const password = "correct horse battery";
  const result = await signUp({ email, password });
  if (result.kind !== "created") throw new Error(`${email} was already signed up`);
  const { user, workspace } = result;
  // Written as createToken writes it, but as a fixture rather than the user's action: no audit entry.
  const { token, prefix, hash } = newApiToken();
  await db.apiToken.create({
    data: { workspaceId: workspace.id, name: "test", prefix, tokenHash: hash, createdById: user.id },
  });
  return {
    userId: user.id,
    email,
    password,
    workspaceId: workspace.id,
    slug: workspace.slug,
    cookie: await sessionCookie(user.id, email),
    token,
  };
}

/** Adds an existing user to a workspace with a role. */
export async function addMember(workspaceId: string, userId: string, role: Role) {
  await db.membership.create({ data: { workspaceId, userId, role } });
}

type Auth = { token: string } | { cookie: string; workspace?: string } | null;

/**
 * Builds a Request for a route handler, authenticated as asked. A cookie
 * request carries this site's Origin, as a browser on our pages sends it
 * (pass another `origin` header to act as another site).
 */
/**
 * The header scripts/serve.ts adds to a request that came from `address`
 * (signed with the tests' CLIENT_ADDRESS_KEY, set in setup-env.ts).
 */
export function fromClient(address: string): Record<string, string> {
  return { [CLIENT_ADDRESS_HEADER]: stampClientAddress(address, process.env.CLIENT_ADDRESS_KEY!) };
}

export function apiRequest(
  method: string,
  path: string,
  auth: Auth,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const h = new Headers(headers);
  if (auth && "token" in auth) h.set("authorization", `Bearer ${auth.token}`);
  if (auth && "cookie" in auth) {
    h.set("cookie", auth.cookie);
    if (!h.has("origin")) h.set("origin", "http://localhost");
    if (auth.workspace) h.set("x-workspace", auth.workspace);
  }
  if (body !== undefined) h.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route handlers declare their own param shapes
export type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

/**
 * Calls a route handler export and returns status and parsed JSON. A handler
 * built from its operation has its response checked against the operation's
 * declared statuses and schemas, so every test that calls a route also checks
 * the contract the OpenAPI document states.
 */
export async function call(handler: Handler, req: Request, params: Record<string, string> = {}) {
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  const contentType = res.headers.get("content-type");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
  const body: any = !text
    ? null
    : contentType?.includes("ndjson")
      ? // JSON Lines: an array of its lines' values.
        text
          .split("\n")
          .filter((line) => line.length > 0)
          .map((line) => JSON.parse(line))
      : contentType?.includes("json")
        ? JSON.parse(text)
        : text;
  const operation = (handler as Partial<OperationHandler>).operation;
  if (operation) checkResponse(operation, res.status, contentType, body);
  return { status: res.status, body, headers: res.headers };
}
