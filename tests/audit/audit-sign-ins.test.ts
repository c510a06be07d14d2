import NextAuth from "next-auth";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { addMember, fromClient, makeUser } from "../support/factory";

const CSRF_COOKIE = "next-auth.csrf-token";
const SESSION_COOKIE = "next-auth.session-token";

/** One request to next-auth's handler, as /api/auth/<path> would get it from `address`. */
async function auth(path: string[], cookies: Record<string, string>, address: string, body?: Record<string, string>) {
  const headers = new Map<string, unknown>();
  const answer: { body: unknown; cookies: Record<string, string> } = { body: undefined, cookies: {} };
  const res = {
    status: () => res,
    setHeader: (k: string, v: unknown) => (headers.set(k.toLowerCase(), v), res),
    getHeader: (k: string) => headers.get(k.toLowerCase()),
    json: (b: unknown) => ((answer.body = b), res),
    send: (b: unknown) => ((answer.body = b), res),
    end: () => res,
  };
  const req = {
    query: { nextauth: path },
    cookies,
    headers: { host: "127.0.0.1:3300", ...fromClient(address) },
    method: body ? "POST" : "GET",
    body: body ?? {},
  };
  await NextAuth(req as never, res as never, authOptions());
  for (const line of (headers.get("set-cookie") as string[] | undefined) ?? []) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    answer.cookies[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return answer;
}

async function signIn(email: string, password: string, address: string) {
  const csrf = await auth(["csrf"], {}, address);
  const cookie = { [CSRF_COOKIE]: csrf.cookies[CSRF_COOKIE]! };
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const form = { email, password, callbackUrl: "/", json: "true", csrfToken };
  return auth(["callback", "credentials"], cookie, address, form);
}

describe("sign-ins in the audit log", () => {
  it("records a successful sign-in, with the client's address, in every workspace of the user", async () => {
    const user = await makeUser("audit-signin");
    const other = await makeUser("audit-signin-other");
    await addMember(other.workspaceId, user.userId, "member");

    const failed = await signIn(user.email, "not the password", "198.51.100.4");
    expect(failed.cookies[SESSION_COOKIE]).toBeUndefined();
    expect(await db.auditEntry.count({ where: { action: "user.signed_in", actorId: user.userId } })).toBe(0);

    const ok = await signIn(user.email, user.password, "198.51.100.9");
    expect(ok.cookies[SESSION_COOKIE]).toBeTruthy();
    const entries = await db.auditEntry.findMany({ where: { action: "user.signed_in", actorId: user.userId } });
    expect(entries.map((e) => e.workspaceId).sort()).toEqual([user.workspaceId, other.workspaceId].sort());
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actorType: "user",
        targetType: "user",
        targetId: user.userId,
        clientAddress: "198.51.100.9",
        details: { method: "password" },
      });
    }
  });
});
