import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as exportLog } from "@/app/api/v1/audit-log/export/route";
import { GET as verify } from "@/app/api/v1/audit-log/verify/route";
import { appendAuditEntry } from "@/lib/audit/record-audit-entry";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { addMember, apiRequest, call, fromClient, makeUser, type TestUser } from "../support/factory";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

/** `n` entries in one transaction: `plan.changed` by the system, every third `token.created`. */
async function entries(workspaceId: string, n: number) {
  await db.$transaction(
    async (tx) => {
      for (let i = 1; i <= n; i++) {
        await appendAuditEntry(
          tx,
          workspaceId,
          { type: "system", id: null },
          { action: i % 3 === 0 ? "token.created" : "plan.changed", details: { i } },
        );
      }
    },
    { timeout: 60_000 },
  );
}

const exportAs = (user: TestUser, query = "", headers: Record<string, string> = {}) =>
  call(exportLog, apiRequest("GET", `/api/v1/audit-log/export${query}`, { cookie: user.cookie }, undefined, headers));

describe("the audit log export", () => {
  it("streams every entry as JSON Lines, oldest first, page after page, and records itself", async () => {
    const owner = await makeUser("audit-export");
    await entries(owner.workspaceId, 600);
    const all = await exportAs(owner, "", fromClient("192.0.2.33"));
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(all.headers.get("audit-export-entries")).toBe("600");
    expect(all.body).toHaveLength(600);
    expect(all.body.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(all.body[0]).toMatchObject({ action: "plan.changed", details: { i: 1 }, actorType: "system" });

    // The export is in the log (after what it exported), by whom and from where.
    const recorded = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: owner.workspaceId, seq: 601 } });
    expect(recorded).toMatchObject({
      action: "audit_log.exported",
      actorType: "user",
      actorId: owner.userId,
      clientAddress: "192.0.2.33",
      details: { entries: 600, filters: {} },
    });

    // The list's filters; the first export now shows in the next.
    const tokens = await exportAs(owner, "?action=token.created");
    expect(tokens.body).toHaveLength(200);
    expect(tokens.body.every((e: { action: string }) => e.action === "token.created")).toBe(true);
    const exports = await exportAs(owner, "?action=audit_log.exported");
    expect(exports.body.map((e: { seq: number }) => e.seq)).toEqual([601, 602]);
    expect((await exportAs(owner, "?action=everything")).status).toBe(400);
    expect((await call(verify, apiRequest("GET", "/api/v1/audit-log/verify", { cookie: owner.cookie }))).body).toEqual({
      ok: true,
      entries: 603,
    });
  });

  it("refuses an export larger than AUDIT_EXPORT_MAX_ROWS, naming the count, and records nothing", async () => {
    vi.stubEnv("AUDIT_EXPORT_MAX_ROWS", "5");
    resetEnv();
    const owner = await makeUser("audit-export-cap");
    await entries(owner.workspaceId, 6);
    const refused = await exportAs(owner);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "limit_reached" });
    expect(refused.body.error.message).toMatch(/6 entries match; an export holds at most 5/);
    expect(await db.auditEntry.count({ where: { workspaceId: owner.workspaceId } })).toBe(6);
    // Narrowed below the cap, it goes through.
    expect((await exportAs(owner, "?action=token.created")).body).toHaveLength(2);
  });

  it("is for owners and admins of the workspace only", async () => {
    const owner = await makeUser("audit-export-o");
    const member = await makeUser("audit-export-m");
    const stranger = await makeUser("audit-export-x");
    await addMember(owner.workspaceId, member.userId, "member");
    await entries(owner.workspaceId, 2);
    const as = (user: TestUser) =>
      call(exportLog, apiRequest("GET", "/api/v1/audit-log/export", { cookie: user.cookie, workspace: owner.slug }));
    expect((await as(member)).status).toBe(403);
    expect((await as(stranger)).status).toBe(404);
    // A stranger's own workspace exports only its own (empty) log.
    expect((await exportAs(stranger)).body).toBeNull();
    expect(await db.auditEntry.count({ where: { workspaceId: owner.workspaceId } })).toBe(2);
  });
});
