import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as verify } from "@/app/api/v1/audit-log/verify/route";
import { POST as createCredential } from "@/app/api/v1/credentials/route";
import { POST as createToken } from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { apiRequest, call, makeUser } from "../support/factory";

beforeEach(() => resetEnv());
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

const check = (cookie: string) => call(verify, apiRequest("GET", "/api/v1/audit-log/verify", { cookie }));

/** Runs `body` with a trigger that makes the database refuse rows of `table` for one workspace. */
async function withRefusal(
  table: string,
  workspaceId: string,
  timing: "BEFORE" | "AT COMMIT",
  body: () => Promise<void>,
) {
  const fn = `refuse_${table}_${workspaceId}`;
  await db.$executeRawUnsafe(
    `CREATE FUNCTION "${fn}"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`,
  );
  const when = `FOR EACH ROW WHEN (NEW."workspaceId" = '${workspaceId}') EXECUTE FUNCTION "${fn}"()`;
  await db.$executeRawUnsafe(
    timing === "BEFORE"
      ? `CREATE TRIGGER "${fn}" BEFORE INSERT ON "${table}" ${when}`
      : // Checked when the transaction commits: after the action's audit entry was written.
        `CREATE CONSTRAINT TRIGGER "${fn}" AFTER INSERT ON "${table}" DEFERRABLE INITIALLY DEFERRED ${when}`,
  );
  try {
    await body();
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER "${fn}" ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION "${fn}"()`);
  }
}

describe("an action and its audit entry", () => {
  it("commit together or not at all", async () => {
    const owner = await makeUser("audit-tx");
    const request = (name: string) =>
      apiRequest(
        "POST",
        "/api/v1/credentials",
        { cookie: owner.cookie },
        { name, kind: "anthropic", secret: "sk-ant-secret-value-1234" },
      );
    // A failed write is an internal error, which no operation declares: the handler is called bare.
    const failing = async (name: string) =>
      (await createCredential(request(name), { params: Promise.resolve({}) })).status;

    // The action's transaction fails at commit, after its entry was appended: no entry is left.
    await withRefusal("Credential", owner.workspaceId, "AT COMMIT", async () => {
      expect(await failing("failing-at-commit")).toBe(500);
    });
    expect(await db.credential.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
    expect(await db.auditEntry.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);

    // The entry cannot be written: the action does not happen either.
    await withRefusal("AuditEntry", owner.workspaceId, "BEFORE", async () => {
      expect(await failing("unaudited")).toBe(500);
    });
    expect(await db.credential.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);

    // Once both can be written, both are.
    expect((await call(createCredential, request("audited"))).status).toBe(201);
    const entries = await db.auditEntry.findMany({ where: { workspaceId: owner.workspaceId } });
    expect(entries.map((e) => [e.seq, e.action])).toEqual([[1, "credential.created"]]);
    expect((await check(owner.cookie)).body).toEqual({ ok: true, entries: 1 });
  });

  it("land one after the other when actions run at once, the chain unbroken", async () => {
    const owner = await makeUser("audit-race");
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(createToken, apiRequest("POST", "/api/v1/tokens", { cookie: owner.cookie }, { name: `t${i}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const entries = await db.auditEntry.findMany({
      where: { workspaceId: owner.workspaceId },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(entries.map((e) => e.targetId))).toEqual(new Set(results.map((r) => r.body.id)));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevMac).toBe(entries[i - 1]!.mac);
    expect((await check(owner.cookie)).body).toEqual({ ok: true, entries: 8 });
  });
});
