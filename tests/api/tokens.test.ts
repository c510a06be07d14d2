import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { DELETE as revoke } from "@/app/api/v1/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { hashSecret } from "@/lib/auth/secret-token";
import { db } from "@/lib/db/client";
import { MAX_TOKENS_PER_WORKSPACE } from "@/lib/tokens/schemas";
import { addMember, apiRequest, call, makeUser } from "../support/factory";

describe("API tokens", () => {
  it("are shown once, stored only as a hash with an ll_ prefix, and record their last use", async () => {
    const u = await makeUser("tok");
    const created = await call(createToken, apiRequest("POST", "/api/v1/tokens", { cookie: u.cookie }, { name: "ci" }));
    expect(created.status).toBe(201);
    const secret: string = created.body.token;
    expect(secret).toMatch(/^ll_[0-9A-Za-z]{40}$/);
    expect(created.body.prefix).toBe(secret.slice(0, 11));

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.body.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toBe(hashSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.lastUsedAt).toBeNull();

    const listed = await call(listTokens, apiRequest("GET", "/api/v1/tokens", { cookie: u.cookie }));
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.data.map((t: { name: string }) => t.name)).toContain("ci");

    expect((await call(me, apiRequest("GET", "/api/v1/me", { token: secret }))).status).toBe(200);
    const used = await db.apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("is refused at once when revoked, expired or unknown", async () => {
    const u = await makeUser("revoke");
    const created = await call(
      createToken,
      apiRequest("POST", "/api/v1/tokens", { cookie: u.cookie }, { name: "gone" }),
    );
    const secret = created.body.token;
    expect((await call(me, apiRequest("GET", "/api/v1/me", { token: secret }))).status).toBe(200);
    const revoked = await call(
      revoke,
      apiRequest("DELETE", `/api/v1/tokens/${created.body.id}`, { cookie: u.cookie }),
      {
        id: created.body.id,
      },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    const after = await call(me, apiRequest("GET", "/api/v1/me", { token: secret }));
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);

    const expiring = await call(
      createToken,
      apiRequest(
        "POST",
        "/api/v1/tokens",
        { cookie: u.cookie },
        { name: "soon", expiresAt: new Date(Date.now() + 60_000).toISOString() },
      ),
    );
    await db.apiToken.update({ where: { id: expiring.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await call(me, apiRequest("GET", "/api/v1/me", { token: expiring.body.token }));
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);

    const made = await call(me, apiRequest("GET", "/api/v1/me", { token: "ll_" + "x".repeat(40) }));
    expect(made.status).toBe(401);
    expect(made.body).toEqual({ error: { code: "unauthorized", message: "Invalid API token." } });
  });

  it("validates the name and the expiry", async () => {
    const u = await makeUser("tokval");
    const res = await call(
      createToken,
      apiRequest("POST", "/api/v1/tokens", { cookie: u.cookie }, { name: "", expiresAt: "2001-01-01T00:00:00Z" }),
    );
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "expiresAt"]));
  });

  it("cannot be created by a member or by another token", async () => {
    const owner = await makeUser("owner");
    const member = await makeUser("member");
    await addMember(owner.workspaceId, member.userId, "member");
    const asMember = await call(
      createToken,
      apiRequest("POST", "/api/v1/tokens", { cookie: member.cookie, workspace: owner.slug }, { name: "x" }),
    );
    expect(asMember.status).toBe(403);
    const asToken = await call(
      createToken,
      apiRequest("POST", "/api/v1/tokens", { token: owner.token }, { name: "x" }),
    );
    expect(asToken.status).toBe(403);
  });

  it(`stops at ${MAX_TOKENS_PER_WORKSPACE} active tokens`, async () => {
    const u = await makeUser("many");
    await db.apiToken.createMany({
      data: Array.from({ length: MAX_TOKENS_PER_WORKSPACE - 1 }, (_, i) => ({
        workspaceId: u.workspaceId,
        name: `t${i}`,
        prefix: "ll_x",
        tokenHash: `hash-${u.workspaceId}-${i}`,
      })),
    });
    const res = await call(
      createToken,
      apiRequest("POST", "/api/v1/tokens", { cookie: u.cookie }, { name: "one too many" }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("limit_reached");
  });
});
