import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { POST as signupRoute } from "@/app/api/signup/route";
import { GET as me } from "@/app/api/v1/me/route";
import { clientAddress } from "@/lib/auth/client-address";
import { SIGNUPS_PER_CLIENT_PER_HOUR } from "@/lib/auth/limit-sign-up";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, stampClientAddress } from "@/lib/auth/stamp-client-address";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { checkClientAddressKey } from "@/lib/env/check-client-address-key";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";
import { apiRequest, call, fromClient, makeUser, uniqueEmail } from "../support/factory";

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

  it("limits failures per email and client: a stranger failing on purpose does not lock the real user out", async () => {
    const u = await makeUser("brute");
    let last;
    for (let i = 0; i < 11; i++) last = await verifyCredentials(u.email, `wrong-${i}`, "10.1.0.1");
    expect(last).toMatchObject({ ok: false, reason: "rate_limited" });
    // Even the right password is refused from that client while the window lasts…
    expect((await verifyCredentials(u.email, u.password, "10.1.0.1")).ok).toBe(false);
    // …but the real user, from their own address, signs in.
    expect((await verifyCredentials(u.email, u.password, "10.1.9.9")).ok).toBe(true);
  });

  it("caps one client's failures across many emails", async () => {
    const client = "10.2.0.1";
    let last;
    for (let i = 0; i < 50; i++) last = await verifyCredentials(uniqueEmail("spray"), "wrong password", client);
    expect(last).toEqual({ ok: false, reason: "invalid" });
    const u = await makeUser("spray-victim");
    expect(await verifyCredentials(u.email, u.password, client)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await verifyCredentials(u.email, u.password, "10.2.0.2")).ok).toBe(true);
  });

  it("caps one email's failures from all client addresses together, so claiming new addresses does not help", async () => {
    process.env.SIGNIN_MAX_ATTEMPTS = "2";
    resetEnv();
    try {
      const u = await makeUser("rotate");
      // Ten times the per-pair limit, each from an address of its own…
      for (let i = 0; i < 20; i++) {
        expect(await verifyCredentials(u.email, `wrong-${i}`, `10.4.0.${i}`)).toEqual({ ok: false, reason: "invalid" });
      }
      // …and the next guess is refused from any address, the right password included.
      expect(await verifyCredentials(u.email, u.password, "10.4.1.1")).toMatchObject({
        ok: false,
        reason: "rate_limited",
      });
      // Other accounts are not affected.
      const other = await makeUser("rotate-other");
      expect((await verifyCredentials(other.email, other.password, "10.4.1.1")).ok).toBe(true);
    } finally {
      delete process.env.SIGNIN_MAX_ATTEMPTS;
      resetEnv();
    }
  });

  it("takes a 10 kB forwarded address or email without a database error", async () => {
    const u = await makeUser("long-xff");
    // Random, so PostgreSQL cannot compress it into an index row.
    const address = resolveClientAddress("10.0.0.1", randomBytes(5_000).toString("hex"), 1);
    expect(address.length).toBeLessThanOrEqual(64);
    expect((await verifyCredentials(u.email, u.password, address)).ok).toBe(true);
    expect(
      await verifyCredentials(`${randomBytes(5_000).toString("hex")}@example.test`, "wrong password", "10.5.0.1"),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("prunes rate-limit windows that ended long ago", async () => {
    const key = `test:old:${uniqueEmail()}`;
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await db.rateLimitWindow.create({ data: { key, windowStart: old, count: 3 } });
    // A later hit on the same key replaces its earlier windows…
    await hitRateLimit(key, 5, 60);
    const rows = await db.rateLimitWindow.findMany({ where: { key } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(1);
    // …and a key never hit again is cleared by the next sign-in attempt.
    const abandoned = `test:abandoned:${uniqueEmail()}`;
    await db.rateLimitWindow.create({ data: { key: abandoned, windowStart: old, count: 3 } });
    await verifyCredentials(uniqueEmail("prune"), "whatever password", "10.3.0.1");
    expect(await db.rateLimitWindow.count({ where: { key: abandoned } })).toBe(0);
  });
});

describe("the client address", () => {
  afterEach(() => {
    delete process.env.SIGNIN_MAX_ATTEMPTS;
    delete process.env.SIGNUP_MAX_PER_HOUR;
    resetEnv();
  });

  it("with no trusted proxy is the socket's, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("192.0.2.10", undefined, 0)).toBe("192.0.2.10");
    expect(resolveClientAddress("192.0.2.10", "203.0.113.7", 0)).toBe("192.0.2.10");
    expect(resolveClientAddress("192.0.2.10", ["1.1.1.1", "203.0.113.7"], 0)).toBe("192.0.2.10");
    expect(resolveClientAddress(undefined, "203.0.113.7", 0)).toBe("unknown");
  });

  it("behind TRUSTED_PROXY_HOPS proxies is the entry that many from the right, whatever the client prepends", () => {
    expect(resolveClientAddress("10.0.0.1", "203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6,203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("behind proxies, a header with fewer entries than hops is the shared unknown address, not the client's entry", () => {
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6", 2)).toBe("unknown");
    expect(resolveClientAddress("10.0.0.1", undefined, 1)).toBe("unknown");
  });

  it("is at most 64 characters, a longer entry keyed by its hash", () => {
    const long = resolveClientAddress("10.0.0.1", "1".repeat(10_000), 1);
    expect(long).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(resolveClientAddress("10.0.0.1", "1".repeat(10_000), 1)).toBe(long);
    expect(resolveClientAddress("10.0.0.1", "2".repeat(10_000), 1)).not.toBe(long);
  });

  it("is read only from the header the server signed: a client's X-Forwarded-For or own copy is the shared unknown", () => {
    expect(clientAddress(new Headers(fromClient("192.0.2.10")))).toBe("192.0.2.10");
    expect(clientAddress({ ...fromClient("192.0.2.10"), "x-forwarded-for": "203.0.113.7" })).toBe("192.0.2.10");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("unknown");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }))).toBe("unknown");
    const otherKey = stampClientAddress("203.0.113.7", "a-key-the-server-did-not-make-000000");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: otherKey }))).toBe("unknown");
    // A signature of one address does not pass for another.
    const [signature] = fromClient("192.0.2.10")[CLIENT_ADDRESS_HEADER]!.split(" ");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: `${signature} 203.0.113.7` }))).toBe("unknown");
  });

  it("keys an IPv6 client by its /64, which one subscriber holds whole, and an IPv4-mapped one by its IPv4", () => {
    const key = (address: string) => clientAddress(new Headers(fromClient(address)));
    expect(key("2001:db8:7:8::1")).toBe(key("2001:db8:7:8:ffff:ffff:ffff:fffe"));
    expect(key("2001:db8:7:8::1")).not.toBe(key("2001:db8:7:9::1"));
    expect(key("::ffff:192.0.2.10")).toBe(key("192.0.2.10"));
    expect(key("192.0.2.10")).toBe("192.0.2.10");
    expect(key("192.0.2.10")).not.toBe(key("192.0.2.11"));
  });

  it("a client taking a new IPv6 address of its /64 per sign-up draws on the shared allowance after its first", async () => {
    const used = await db.rateLimitWindow.aggregate({
      where: { key: "signup:all", windowStart: { gte: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000) } },
      _sum: { count: true },
    });
    // The shared allowance is used up: only a client's first sign-up of the hour gets through.
    process.env.SIGNUP_MAX_PER_HOUR = String(Math.max(1, used._sum.count ?? 0));
    resetEnv();
    const signUp = (address: string) =>
      call(
        signupRoute,
        apiRequest(
          "POST",
          "/api/signup",
          null,
          { email: uniqueEmail("su-v6"), password: "a good password" },
          fromClient(address),
        ),
      );
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
    expect((await signUp(`${net}::1`)).status).toBe(201);
    expect((await signUp(`${net}::2`)).status).toBe(429);
    expect((await signUp(`${net}:ffff:ffff:ffff:3`)).status).toBe(429);
  });

  it("is unknown for every request when no server made a key (plain next dev)", () => {
    const key = process.env.CLIENT_ADDRESS_KEY;
    delete process.env.CLIENT_ADDRESS_KEY;
    resetEnv();
    try {
      expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: stampClientAddress("192.0.2.10", key!) }))).toBe(
        "unknown",
      );
    } finally {
      process.env.CLIENT_ADDRESS_KEY = key;
    }
  });

  it("a production server not started by scripts/serve.ts stops at start-up", () => {
    expect(checkClientAddressKey({ NODE_ENV: "production" })).toMatch(/npm start/);
    expect(checkClientAddressKey({ NODE_ENV: "production", CLIENT_ADDRESS_KEY: "k".repeat(43) })).toBeNull();
    expect(checkClientAddressKey({ NODE_ENV: "development" })).toBeNull();
  });

  it("a new X-Forwarded-For on each sign-in does not escape the per-client limit", async () => {
    process.env.SIGNIN_MAX_ATTEMPTS = "2";
    resetEnv();
    const socket = `10.6.0.${Math.floor(Math.random() * 250)}`;
    const attempt = (email: string, password: string, i: number) =>
      verifyCredentials(email, password, clientAddress({ ...fromClient(socket), "x-forwarded-for": `203.0.113.${i}` }));
    // Five times SIGNIN_MAX_ATTEMPTS failures across emails, each claiming an address of its own…
    for (let i = 0; i < 10; i++) {
      expect(await attempt(uniqueEmail("xff-spray"), "wrong password", i)).toEqual({ ok: false, reason: "invalid" });
    }
    // …and the client is refused, whatever it claims next.
    const u = await makeUser("xff-spray-victim");
    expect(await attempt(u.email, u.password, 99)).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another client signs in.
    expect((await verifyCredentials(u.email, u.password, clientAddress(fromClient("10.6.1.1")))).ok).toBe(true);
  });

  it("a client claiming a new X-Forwarded-For per sign-up does not lock another client out", async () => {
    const used = await db.rateLimitWindow.aggregate({
      where: { key: "signup:all", windowStart: { gte: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000) } },
      _sum: { count: true },
    });
    process.env.SIGNUP_MAX_PER_HOUR = String((used._sum.count ?? 0) + 2);
    resetEnv();
    const signUp = (socket: string, forwarded: string) =>
      call(
        signupRoute,
        apiRequest(
          "POST",
          "/api/signup",
          null,
          { email: uniqueEmail("su-xff"), password: "a good password" },
          { ...fromClient(socket), "x-forwarded-for": forwarded },
        ),
      );
    const a = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signUp(a, `192.0.2.${i + 1}`)).status);
    // Its first sign-up, then two from the shared allowance, which is then used up…
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(await db.rateLimitWindow.count({ where: { key: { startsWith: "signup:ip:192.0.2." } } })).toBe(0);
    // …yet a newcomer's first sign-up is not refused for it.
    const b = `198.51.101.${Math.floor(Math.random() * 250)}`;
    expect((await signUp(b, "192.0.2.200")).status).toBe(201);
    expect((await signUp(b, "192.0.2.201")).status).toBe(429);
  });

  it(`allows ${SIGNUPS_PER_CLIENT_PER_HOUR} sign-ups per client address an hour`, async () => {
    const address = `198.51.102.${Math.floor(Math.random() * 250)}`;
    await db.rateLimitWindow.create({
      data: {
        key: `signup:ip:${address}`,
        windowStart: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000),
        count: SIGNUPS_PER_CLIENT_PER_HOUR,
      },
    });
    const res = await call(
      signupRoute,
      apiRequest(
        "POST",
        "/api/signup",
        null,
        { email: uniqueEmail("su-ip"), password: "a good password" },
        fromClient(address),
      ),
    );
    expect(res.status).toBe(429);
    expect(res.body.error.message).toMatch(/from this address/);
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
