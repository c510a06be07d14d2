import { describe, expect, it } from "vitest";
import { POST as signupRoute } from "@/app/api/signup/route";
import { GET as me } from "@/app/api/v1/me/route";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, uniqueEmail } from "../support/factory";

describe("sign-up", () => {
  it("creates a user with an argon2id hash and a personal workspace owned by them", async () => {
    const email = uniqueEmail("signup");
    const res = await call(
      signupRoute,
      apiRequest("POST", "/api/signup", null, { email, password: "a good password" }),
    );
    expect(res.status).toBe(201);
    expect(res.body.workspace.slug).toBeTruthy();
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true, id: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership.role).toBe("owner");
    expect(membership.workspaceId).toBe(res.body.workspace.id);
  });

  it("refuses a duplicate email (case-insensitively) with 409", async () => {
    const email = uniqueEmail("dup");
    await call(signupRoute, apiRequest("POST", "/api/signup", null, { email, password: "a good password" }));
    const again = await call(
      signupRoute,
      apiRequest("POST", "/api/signup", null, { email: email.toUpperCase(), password: "another password" }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });

  it("names the invalid field", async () => {
    const res = await call(signupRoute, apiRequest("POST", "/api/signup", null, { email: "nope", password: "short" }));
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["email", "password"]));
  });
});

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one with the same generic answer as an unknown email", async () => {
    const u = await makeUser("signin");
    expect((await verifyCredentials(u.email, u.password, "10.0.0.1")).ok).toBe(true);
    const wrong = await verifyCredentials(u.email, "wrong password", "10.0.0.1");
    const unknown = await verifyCredentials(uniqueEmail("ghost"), "wrong password", "10.0.0.1");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("rate-limits repeated attempts on one email", async () => {
    const u = await makeUser("brute");
    let last;
    for (let i = 0; i < 11; i++) last = await verifyCredentials(u.email, `wrong-${i}`, `10.1.0.${i}`);
    expect(last).toMatchObject({ ok: false, reason: "rate_limited" });
    // Even the right password is refused while the window lasts.
    expect((await verifyCredentials(u.email, u.password, "10.1.1.1")).ok).toBe(false);
  });
});

describe("GET /api/v1/me", () => {
  it("answers a token with the workspace and the token's name", async () => {
    const u = await makeUser("me");
    const res = await call(me, apiRequest("GET", "/api/v1/me", { token: u.token }));
    expect(res.status).toBe(200);
    expect(res.body.workspace.id).toBe(u.workspaceId);
    expect(res.body.token.name).toBe("test");
    expect(res.body.role).toBe("member");
  });

  it("answers a session with the user and their role", async () => {
    const u = await makeUser("me-session");
    const res = await call(me, apiRequest("GET", "/api/v1/me", { cookie: u.cookie }));
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(u.email);
    expect(res.body.role).toBe("owner");
  });

  it("is 401 with no credentials, a forged session cookie or a malformed header", async () => {
    for (const req of [
      apiRequest("GET", "/api/v1/me", null),
      apiRequest("GET", "/api/v1/me", { cookie: "next-auth.session-token=forged" }),
      apiRequest("GET", "/api/v1/me", null, undefined, { authorization: "Basic abc" }),
    ]) {
      const res = await call(me, req);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });
});
