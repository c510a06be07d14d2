import { afterEach, describe, expect, it, vi } from "vitest";
import { DELETE as remove, GET as getOne, PATCH as rename } from "@/app/api/v1/credentials/[id]/route";
import { POST as rotate } from "@/app/api/v1/credentials/[id]/rotate/route";
import { GET as list, POST as create } from "@/app/api/v1/credentials/route";
import { decryptSecret } from "@/lib/credentials/cipher";
import { credentialsKey } from "@/lib/credentials/key";
import { MAX_CREDENTIALS_PER_WORKSPACE } from "@/lib/credentials/schemas";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { addMember, apiRequest, call, makeUser, type TestUser } from "../support/factory";

const SECRET = "sk-live-Zq8VxW3nR7tYp2LmK9sD4fGh";
const ROTATED = "sk-live-Nn5BbC1vXx0QwErTyUiOpAs6";

/** Every response body of the test, to grep for secrets at the end. */
function recorder() {
  const bodies: string[] = [];
  const run = async (...args: Parameters<typeof call>) => {
    const res = await call(...args);
    bodies.push(JSON.stringify(res.body));
    return res;
  };
  return { bodies, call: run };
}

const auth = (u: TestUser) => ({ cookie: u.cookie });

/** Everything written to the console while a test runs. */
function consoleLines() {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(" "));
    });
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("credentials API", () => {
  it("creates, lists, reads, renames, rotates and deletes without ever returning a secret", async () => {
    const rec = recorder();
    const logged = consoleLines();
    const u = await makeUser("creds");
    const made = await rec.call(
      create,
      apiRequest("POST", "/api/v1/credentials", auth(u), { name: "Anthropic prod", kind: "anthropic", secret: SECRET }),
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: "Anthropic prod",
      kind: "anthropic",
      lastFour: SECRET.slice(-4),
      createdById: u.userId,
      lastUsedAt: null,
      lastUsedRunId: null,
    });
    expect(Object.keys(made.body).sort()).toEqual(
      [
        "baseUrl",
        "createdAt",
        "createdById",
        "hosts",
        "id",
        "kind",
        "lastFour",
        "lastUsedAt",
        "lastUsedRunId",
        "name",
        "updatedAt",
      ].sort(),
    );
    const id: string = made.body.id;

    // Stored encrypted, bound to the workspace.
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.ciphertext).not.toContain(SECRET);
    expect(decryptSecret(credentialsKey(), u.workspaceId, row.ciphertext)).toBe(SECRET);

    const listed = await rec.call(list, apiRequest("GET", "/api/v1/credentials", auth(u)));
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([id]);

    const one = await rec.call(getOne, apiRequest("GET", `/api/v1/credentials/${id}`, auth(u)), { id });
    expect(one.status).toBe(200);
    expect(one.body.lastFour).toBe(SECRET.slice(-4));

    const renamed = await rec.call(
      rename,
      apiRequest("PATCH", `/api/v1/credentials/${id}`, auth(u), { name: "Anthropic main" }),
      { id },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Anthropic main");

    const rotated = await rec.call(
      rotate,
      apiRequest("POST", `/api/v1/credentials/${id}/rotate`, auth(u), { secret: ROTATED }),
      { id },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.lastFour).toBe(ROTATED.slice(-4));
    const after = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(decryptSecret(credentialsKey(), u.workspaceId, after.ciphertext)).toBe(ROTATED);

    const deleted = await rec.call(remove, apiRequest("DELETE", `/api/v1/credentials/${id}`, auth(u)), { id });
    expect(deleted).toMatchObject({ status: 200, body: { id, deleted: true } });
    expect(await db.credential.findUnique({ where: { id } })).toBeNull();
    const again = await rec.call(remove, apiRequest("DELETE", `/api/v1/credentials/${id}`, auth(u)), { id });
    expect(again.status).toBe(404);

    for (const line of logged) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(ROTATED);
    }
    for (const body of rec.bodies) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(ROTATED);
      expect(body).not.toContain(row.ciphertext);
      expect(body).not.toContain("ciphertext");
    }
  });

  it("is for owners and admins: members and API tokens get 403", async () => {
    const owner = await makeUser("credown");
    const admin = await makeUser("credadm");
    const member = await makeUser("credmem");
    await addMember(owner.workspaceId, admin.userId, "admin");
    await addMember(owner.workspaceId, member.userId, "member");
    const body = { name: "gh", kind: "http", secret: SECRET, hosts: ["api.github.com"] };
    const inOwner = (u: TestUser) => ({ cookie: u.cookie, workspace: owner.slug });

    const byAdmin = await call(create, apiRequest("POST", "/api/v1/credentials", inOwner(admin), body));
    expect(byAdmin.status).toBe(201);
    const id: string = byAdmin.body.id;

    const refused = [
      await call(create, apiRequest("POST", "/api/v1/credentials", inOwner(member), { ...body, name: "m" })),
      await call(list, apiRequest("GET", "/api/v1/credentials", inOwner(member))),
      await call(getOne, apiRequest("GET", `/api/v1/credentials/${id}`, inOwner(member)), { id }),
      await call(rotate, apiRequest("POST", `/api/v1/credentials/${id}/rotate`, inOwner(member), { secret: "x" }), {
        id,
      }),
      await call(rename, apiRequest("PATCH", `/api/v1/credentials/${id}`, inOwner(member), { name: "n" }), { id }),
      await call(remove, apiRequest("DELETE", `/api/v1/credentials/${id}`, inOwner(member)), { id }),
      await call(create, apiRequest("POST", "/api/v1/credentials", { token: owner.token }, { ...body, name: "t" })),
      await call(list, apiRequest("GET", "/api/v1/credentials", { token: owner.token })),
      await call(remove, apiRequest("DELETE", `/api/v1/credentials/${id}`, { token: owner.token }), { id }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect(refused[6]!.body.error.message).toMatch(/API tokens cannot/);
    expect((await call(list, apiRequest("GET", "/api/v1/credentials", inOwner(owner)))).body.data).toHaveLength(1);
  });

  it("lets members and API tokens list names, kinds and bindings with ?view=reference, never secrets", async () => {
    const owner = await makeUser("credref");
    const member = await makeUser("credrefm");
    const stranger = await makeUser("credrefx");
    await addMember(owner.workspaceId, member.userId, "member");
    const inOwner = (u: TestUser) => ({ cookie: u.cookie, workspace: owner.slug });
    const made = [
      { name: "Gateway", kind: "openai", secret: SECRET, baseUrl: "https://gateway.example.com/v1" },
      { name: "GitHub", kind: "http", secret: ROTATED, hosts: ["api.github.com"] },
    ];
    for (const body of made) {
      expect((await call(create, apiRequest("POST", "/api/v1/credentials", auth(owner), body))).status).toBe(201);
    }
    const reference = "/api/v1/credentials?view=reference";
    for (const who of [inOwner(member), { token: owner.token }]) {
      const res = await call(list, apiRequest("GET", reference, who));
      expect(res.status).toBe(200);
      expect(res.body.data.map((c: Record<string, unknown>) => Object.keys(c).sort())).toEqual([
        ["baseUrl", "hosts", "id", "kind", "name"],
        ["baseUrl", "hosts", "id", "kind", "name"],
      ]);
      expect(res.body.data).toMatchObject([
        { name: "Gateway", kind: "openai", baseUrl: "https://gateway.example.com/v1", hosts: [] },
        { name: "GitHub", kind: "http", baseUrl: null, hosts: ["api.github.com"] },
      ]);
      const text = JSON.stringify(res.body);
      for (const leak of [SECRET, ROTATED, SECRET.slice(-4), ROTATED.slice(-4), "lastFour", "createdById"]) {
        expect(text).not.toContain(leak);
      }
    }
    // The full list stays for admins; another workspace is 404, and its own list is empty.
    expect((await call(list, apiRequest("GET", "/api/v1/credentials", inOwner(member)))).status).toBe(403);
    expect((await call(list, apiRequest("GET", reference, inOwner(stranger)))).status).toBe(404);
    expect((await call(list, apiRequest("GET", reference, auth(stranger)))).body.data).toEqual([]);
    const bad = await call(list, apiRequest("GET", "/api/v1/credentials?view=secrets", inOwner(member)));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: "view", message: expect.stringMatching(/view=reference/) }]);
  });

  it("answers 404 on every route for another workspace's credential", async () => {
    const a = await makeUser("credA");
    const b = await makeUser("credB");
    const made = await call(
      create,
      apiRequest("POST", "/api/v1/credentials", auth(a), { name: "a's key", kind: "openai", secret: SECRET }),
    );
    const id: string = made.body.id;
    const results = [
      await call(getOne, apiRequest("GET", `/api/v1/credentials/${id}`, auth(b)), { id }),
      await call(rename, apiRequest("PATCH", `/api/v1/credentials/${id}`, auth(b), { name: "mine" }), { id }),
      await call(rotate, apiRequest("POST", `/api/v1/credentials/${id}/rotate`, auth(b), { secret: ROTATED }), { id }),
      await call(remove, apiRequest("DELETE", `/api/v1/credentials/${id}`, auth(b)), { id }),
    ];
    for (const res of results) expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await call(list, apiRequest("GET", "/api/v1/credentials", auth(b)))).body.data).toEqual([]);
    // A's credential is untouched.
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.name).toBe("a's key");
    expect(decryptSecret(credentialsKey(), a.workspaceId, row.ciphertext)).toBe(SECRET);
  });

  it("validates the body naming each field, and never echoes or logs the secret", async () => {
    const logged = consoleLines();
    const u = await makeUser("credval");
    const bad = await call(
      create,
      apiRequest("POST", "/api/v1/credentials", auth(u), { name: "", kind: "aws", secret: "" }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["kind", "name", "secret"]);

    const long = "L".repeat(8_001) + SECRET;
    const tooLong = await call(
      create,
      apiRequest("POST", "/api/v1/credentials", auth(u), {
        name: "x",
        kind: "http",
        secret: long,
        hosts: ["api.example.com"],
      }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([{ field: "secret", message: expect.any(String) }]);
    expect(JSON.stringify(tooLong.body)).not.toContain(SECRET);

    const noSecretOnPatch = await call(
      create,
      apiRequest("POST", "/api/v1/credentials", auth(u), {
        name: "ok",
        kind: "mcp",
        secret: SECRET,
        hosts: ["mcp.example.com"],
      }),
    );
    const id = noSecretOnPatch.body.id;
    const patch = await call(
      rename,
      apiRequest("PATCH", `/api/v1/credentials/${id}`, auth(u), { name: "ok2", secret: ROTATED }),
      { id },
    );
    expect(patch.status).toBe(400);
    expect(JSON.stringify(patch.body)).not.toContain(ROTATED);
    const rot = await call(rotate, apiRequest("POST", `/api/v1/credentials/${id}/rotate`, auth(u), {}), { id });
    expect(rot.status).toBe(400);
    expect(rot.body.error.details[0].field).toBe("secret");

    // A short secret shows no last four.
    const short = await call(
      create,
      apiRequest("POST", "/api/v1/credentials", auth(u), {
        name: "short",
        kind: "http",
        secret: "abc12345",
        hosts: ["api.example.com"],
      }),
    );
    expect(short.body.lastFour).toBe("");
    for (const line of logged) expect(line).not.toContain(SECRET);
  });

  it("keeps names unique per workspace and caps the count", async () => {
    const u = await makeUser("credcap");
    const other = await makeUser("credcap2");
    const body = { name: "dup", kind: "http", secret: SECRET, hosts: ["api.example.com"] };
    expect((await call(create, apiRequest("POST", "/api/v1/credentials", auth(u), body))).status).toBe(201);
    const dup = await call(create, apiRequest("POST", "/api/v1/credentials", auth(u), body));
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toEqual([{ field: "name", message: "Already in use" }]);
    // Another workspace may use the name.
    expect((await call(create, apiRequest("POST", "/api/v1/credentials", auth(other), body))).status).toBe(201);

    const second = await call(create, apiRequest("POST", "/api/v1/credentials", auth(u), { ...body, name: "two" }));
    const clash = await call(
      rename,
      apiRequest("PATCH", `/api/v1/credentials/${second.body.id}`, auth(u), { name: "dup" }),
      { id: second.body.id },
    );
    expect(clash.status).toBe(409);

    await db.credential.createMany({
      data: Array.from({ length: MAX_CREDENTIALS_PER_WORKSPACE - 2 }, (_, i) => ({
        workspaceId: u.workspaceId,
        name: `filler ${i}`,
        kind: "http" as const,
        ciphertext: "v1:AAAA",
        lastFour: "",
      })),
    });
    const full = await call(create, apiRequest("POST", "/api/v1/credentials", auth(u), { ...body, name: "one more" }));
    expect(full.status).toBe(400);
    expect(full.body.error.code).toBe("limit_reached");
    expect(await scopeFor(u.workspaceId).db.credential.count()).toBe(MAX_CREDENTIALS_PER_WORKSPACE);
  });
});
