import { describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/v1/credentials/route";
import { AppError } from "@/lib/http/errors";
import { assertCredentialExists } from "@/lib/credentials/assert-credential-exists";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { apiRequest, call, makeUser } from "../support/factory";

const SECRET = "sk-proj-Hh3Jk8Lm2Np7Qr4St9Uv";

async function saved(label: string, kind = "openai") {
  const u = await makeUser(label);
  const hosts = kind === "http" || kind === "mcp" ? { hosts: ["api.example.com"] } : {};
  const res = await call(
    create,
    apiRequest(
      "POST",
      "/api/v1/credentials",
      { cookie: u.cookie },
      { name: `${label} key`, kind, secret: SECRET, ...hosts },
    ),
  );
  return { user: u, id: res.body.id as string, scope: scopeFor(u.workspaceId) };
}

async function thrown(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("unlockCredential", () => {
  it("returns the secret to the workspace's own code and records the time and run of the use", async () => {
    const { id, scope, user } = await saved("secret-use");
    const run = await db.run.findFirst({ where: { workspaceId: user.workspaceId }, select: { id: true } });
    const runId = run?.id ?? "run_without_row";
    const before = new Date();
    expect((await unlockCredential(scope, id, { runId })).secret).toBe(SECRET);
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(row.lastUsedRunId).toBe(runId);
    expect((await unlockCredential(scope, id, {})).secret).toBe(SECRET);
    expect((await db.credential.findUniqueOrThrow({ where: { id } })).lastUsedRunId).toBeNull();
  });

  it("refuses a credential id from another workspace with a 400 naming it, and records nothing", async () => {
    const a = await saved("secret-a");
    const b = await makeUser("secret-b");
    const err = await thrown(unlockCredential(scopeFor(b.workspaceId), a.id, { runId: "r1" }));
    expect(err.status).toBe(400);
    expect(err.message).toContain(a.id);
    expect(err.message).not.toContain(SECRET);
    expect((await db.credential.findUniqueOrThrow({ where: { id: a.id } })).lastUsedAt).toBeNull();
  });

  it("refuses a credential of another kind when the caller asks for one", async () => {
    const { id, scope } = await saved("secret-kind", "http");
    const err = await thrown(unlockCredential(scope, id, { kind: "anthropic" }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/http credential/);
    expect((await unlockCredential(scope, id, { kind: ["http", "mcp"] })).secret).toBe(SECRET);
  });

  it("says a ciphertext moved into another workspace cannot be decrypted, without the secret", async () => {
    const a = await saved("secret-move-a");
    const b = await saved("secret-move-b");
    const stolen = await db.credential.findUniqueOrThrow({ where: { id: a.id } });
    await db.credential.update({ where: { id: b.id }, data: { ciphertext: stolen.ciphertext } });
    const err = await thrown(unlockCredential(b.scope, b.id, {}));
    expect(err.code).toBe("credential_unreadable");
    expect(err.message).not.toContain(SECRET);
  });
});

describe("assertCredentialExists", () => {
  it("passes for the workspace's own credential and names the field otherwise", async () => {
    const a = await saved("assert-a", "anthropic");
    const b = await makeUser("assert-b");
    await expect(assertCredentialExists(a.scope, a.id, "model.credentialId")).resolves.toBeUndefined();
    await expect(assertCredentialExists(a.scope, a.id, "model.credentialId", ["anthropic"])).resolves.toBeUndefined();

    const foreign = await thrown(assertCredentialExists(scopeFor(b.workspaceId), a.id, "model.credentialId"));
    expect(foreign.status).toBe(400);
    expect(foreign.details).toEqual([{ field: "model.credentialId", message: expect.stringContaining(a.id) }]);

    const wrongKind = await thrown(assertCredentialExists(a.scope, a.id, "tools.0.credentialId", ["mcp"]));
    expect(wrongKind.message).toMatch(/^Invalid tools\.0\.credentialId: .*anthropic credential/);
  });
});
