import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as verify } from "@/app/api/v1/audit-log/verify/route";
import { GET as listAudit } from "@/app/api/v1/audit-log/route";
import { POST as rotateCredential } from "@/app/api/v1/credentials/[id]/rotate/route";
import { DELETE as deleteCredential } from "@/app/api/v1/credentials/[id]/route";
import { POST as createCredential } from "@/app/api/v1/credentials/route";
import { DELETE as revokeToken } from "@/app/api/v1/tokens/[id]/route";
import { POST as createToken } from "@/app/api/v1/tokens/route";
import { GET as exportProject } from "@/app/api/v1/projects/export/route";
import { POST as createEndpoint } from "@/app/api/v1/webhook-endpoints/route";
import { recordAuditEntry } from "@/lib/audit/record-audit-entry";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { addMember, apiRequest, call, fromClient, makeUser, type TestUser } from "../support/factory";

beforeEach(() => {
  vi.stubEnv("ALLOW_PRIVATE_ENDPOINTS", "1");
  resetEnv();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

const log = (user: TestUser, query = "") =>
  call(listAudit, apiRequest("GET", `/api/v1/audit-log${query}`, { cookie: user.cookie }));
const check = (user: TestUser) => call(verify, apiRequest("GET", "/api/v1/audit-log/verify", { cookie: user.cookie }));

async function entries(workspaceId: string, n: number) {
  const scope = scopeFor(workspaceId);
  for (let i = 1; i <= n; i++) {
    await recordAuditEntry(
      scope,
      { type: "system", id: null },
      {
        action: "plan.changed",
        target: { type: "workspace", id: workspaceId },
        details: { step: i, nested: { b: 1, a: 2 } },
      },
    );
  }
  return db.auditEntry.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });
}

describe("the audit log", () => {
  it("records who did what to which object from where, for admins to read and filter", async () => {
    const owner = await makeUser("audit-owner");
    const auth = { cookie: owner.cookie };
    const address = fromClient("203.0.113.7");
    const cred = await call(
      createCredential,
      apiRequest(
        "POST",
        "/api/v1/credentials",
        auth,
        { name: "anthropic", kind: "anthropic", secret: "sk-ant-secret-value-1234" },
        address,
      ),
    );
    expect(cred.status).toBe(201);
    const id = cred.body.id as string;
    await call(
      rotateCredential,
      apiRequest("POST", `/api/v1/credentials/${id}/rotate`, auth, { secret: "sk-ant-secret-value-5678" }),
      { id },
    );
    await call(deleteCredential, apiRequest("DELETE", `/api/v1/credentials/${id}`, auth), { id });
    const token = await call(createToken, apiRequest("POST", "/api/v1/tokens", auth, { name: "ci" }));
    await call(revokeToken, apiRequest("DELETE", `/api/v1/tokens/${token.body.id}`, auth), { id: token.body.id });
    const endpoint = await call(
      createEndpoint,
      apiRequest("POST", "/api/v1/webhook-endpoints", auth, { url: "http://127.0.0.1:9/h", events: ["run.failed"] }),
    );
    expect(endpoint.status).toBe(201);
    expect((await call(exportProject, apiRequest("GET", "/api/v1/projects/export", auth))).status).toBe(200);

    const all = await log(owner);
    expect(all.status).toBe(200);
    expect(all.body.data.map((e: { action: string }) => e.action)).toEqual([
      "project.exported",
      "webhook_endpoint.created",
      "token.revoked",
      "token.created",
      "credential.deleted",
      "credential.rotated",
      "credential.created",
    ]);
    const created = all.body.data.at(-1);
    expect(created).toMatchObject({
      seq: 1,
      actorType: "user",
      actorId: owner.userId,
      targetType: "credential",
      targetId: id,
      clientAddress: "203.0.113.7",
      details: { name: "anthropic", kind: "anthropic" },
    });
    // No secret is ever written to the log.
    expect(JSON.stringify(all.body)).not.toContain("sk-ant-secret");
    expect(JSON.stringify(all.body)).not.toContain(endpoint.body.secret);

    const aboutCredential = await log(owner, `?targetId=${id}`);
    expect(aboutCredential.body.data).toHaveLength(3);
    const rotations = await log(owner, "?action=credential.rotated");
    expect(rotations.body.data.map((e: { targetId: string }) => e.targetId)).toEqual([id]);
    const page1 = await log(owner, "?limit=5");
    expect(page1.body.data).toHaveLength(5);
    const page2 = await log(owner, `?limit=5&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data.map((e: { seq: number }) => e.seq)).toEqual([2, 1]);
    expect(page2.body.nextCursor).toBeNull();
    const badFilter = await log(owner, "?action=everything");
    expect(badFilter.status).toBe(400);

    expect((await check(owner)).body).toEqual({ ok: true, entries: 7 });
  });

  it("is for owners and admins, and each workspace sees only its own", async () => {
    const owner = await makeUser("audit-o2");
    const member = await makeUser("audit-m2");
    const other = await makeUser("audit-x2");
    await addMember(owner.workspaceId, member.userId, "member");
    await entries(owner.workspaceId, 2);
    const asMember = { cookie: member.cookie, workspace: owner.slug };
    expect((await call(listAudit, apiRequest("GET", "/api/v1/audit-log", asMember))).status).toBe(403);
    expect((await call(verify, apiRequest("GET", "/api/v1/audit-log/verify", asMember))).status).toBe(403);
    expect((await log(other)).body.data).toEqual([]);
    expect((await check(other)).body).toEqual({ ok: true, entries: 0 });
  });

  it("names the first broken entry after rows are edited or deleted in the database", async () => {
    const owner = await makeUser("audit-tamper");
    const rows = await entries(owner.workspaceId, 6);
    expect((await check(owner)).body).toEqual({ ok: true, entries: 6 });

    // Edit entry 4's details: it no longer matches its MAC.
    await db.$executeRaw`UPDATE "AuditEntry" SET details = '{"step": 40}' WHERE id = ${rows[3]!.id}`;
    let result = (await check(owner)).body;
    expect(result).toMatchObject({ ok: false, entries: 4, firstBroken: { id: rows[3]!.id, seq: 4 } });
    expect(result.firstBroken.reason).toMatch(/content/);

    // Edit entry 2's actor, and recompute nothing: entry 2 is now the first broken one.
    await db.$executeRaw`UPDATE "AuditEntry" SET "actorId" = 'someone-else' WHERE id = ${rows[1]!.id}`;
    result = (await check(owner)).body;
    expect(result.firstBroken).toMatchObject({ id: rows[1]!.id, seq: 2 });
  });

  it("names the entry after a deleted one, and one re-chained by hand", async () => {
    const owner = await makeUser("audit-delete");
    const rows = await entries(owner.workspaceId, 5);
    await db.$executeRaw`DELETE FROM "AuditEntry" WHERE id = ${rows[2]!.id}`;
    let result = (await check(owner)).body;
    expect(result).toMatchObject({ ok: false, firstBroken: { id: rows[3]!.id, seq: 4 } });
    expect(result.firstBroken.reason).toMatch(/entry 3 is missing/);

    // Renumbering and relinking to hide the gap still fails: the MAC covers the number and the link.
    await db.$executeRaw`UPDATE "AuditEntry" SET seq = 3, "prevMac" = ${rows[1]!.mac} WHERE id = ${rows[3]!.id}`;
    result = (await check(owner)).body;
    expect(result).toMatchObject({ ok: false, firstBroken: { id: rows[3]!.id, seq: 3 } });
    expect(result.firstBroken.reason).toMatch(/content/);
  });
});
