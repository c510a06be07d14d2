import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as verify } from "@/app/api/v1/audit-log/verify/route";
import { pruneAuditLogs } from "@/inngest/functions/prune-audit-logs";
import { pruneAuditLog as pruneWithDays } from "@/lib/audit/prune-audit-log";
import { workspaceAuditRetentionDays } from "@/lib/billing/audit-retention";
import { recordAuditEntry } from "@/lib/audit/record-audit-entry";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { setPlan } from "../support/billing";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  resetEnv();
});

const DAY = 86_400_000;
const check = async (user: TestUser) =>
  (await call(verify, apiRequest("GET", "/api/v1/audit-log/verify", { cookie: user.cookie }))).body;

/** `n` entries written `daysAgo` days ago (the clock is moved back, so their MACs are honest). */
async function entriesAt(workspaceId: string, n: number, daysAgo: number) {
  if (daysAgo > 0) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - daysAgo * DAY));
  }
  try {
    for (let i = 0; i < n; i++) {
      await recordAuditEntry(
        scopeFor(workspaceId),
        { type: "system", id: null },
        { action: "plan.changed", details: { i } },
      );
    }
  } finally {
    vi.useRealTimers();
  }
}

/** Prunes as the nightly sweep does: by the workspace's plan's retention. */
async function pruneAuditLog(scope: ReturnType<typeof scopeFor>) {
  return pruneWithDays(scope, await workspaceAuditRetentionDays(scope));
}

const runSweep = () =>
  new InngestTestEngine({ function: pruneAuditLogs }).execute({
    events: [{ name: "inngest/scheduled.timer", data: { cron: "23 3 * * *" } }],
  });

describe("audit log retention", () => {
  it("prunes entries past the plan's retention behind a signed checkpoint, and the log still verifies", async () => {
    const owner = await makeUser("audit-prune");
    await entriesAt(owner.workspaceId, 4, 40);
    await entriesAt(owner.workspaceId, 2, 0);
    expect(await check(owner)).toEqual({ ok: true, entries: 6 });

    // Free keeps 30 days: the nightly sweep prunes the four old ones.
    const swept = await runSweep();
    expect(swept.error).toBeUndefined();
    const left = await db.auditEntry.findMany({ where: { workspaceId: owner.workspaceId }, orderBy: { seq: "asc" } });
    expect(left.map((e) => [e.seq, e.action])).toEqual([
      [5, "plan.changed"],
      [6, "plan.changed"],
      [7, "audit_log.pruned"],
    ]);
    expect(left[2]!.details).toEqual({ entries: 4, throughSeq: 4, retentionDays: 30 });
    const result = await check(owner);
    expect(result).toMatchObject({ ok: true, entries: 3, checkpoint: { throughSeq: 4, pruned: 4 } });

    // The chain goes on; pruning again finds nothing to do.
    await entriesAt(owner.workspaceId, 1, 0);
    expect(await pruneAuditLog(scopeFor(owner.workspaceId))).toEqual({ status: "nothing" });
    expect(await check(owner)).toMatchObject({ ok: true, entries: 4 });

    // An edited checkpoint is named broken; so is a removed one (entry 1 is then missing).
    const checkpoint = await db.auditCheckpoint.findUniqueOrThrow({ where: { workspaceId: owner.workspaceId } });
    await db.$executeRaw`UPDATE "AuditCheckpoint" SET pruned = 1 WHERE id = ${checkpoint.id}`;
    const edited = await check(owner);
    expect(edited).toMatchObject({ ok: false, firstBroken: { id: checkpoint.id, seq: 4 } });
    expect(edited.firstBroken.reason).toMatch(/checkpoint/);
    await db.$executeRaw`DELETE FROM "AuditCheckpoint" WHERE id = ${checkpoint.id}`;
    const removed = await check(owner);
    expect(removed).toMatchObject({ ok: false, firstBroken: { id: left[0]!.id, seq: 5 } });
    expect(removed.firstBroken.reason).toMatch(/entry 1 is missing/);
  });

  it("goes on from the checkpoint when every entry was pruned", async () => {
    const owner = await makeUser("audit-prune-all");
    await entriesAt(owner.workspaceId, 3, 45);
    expect(await pruneAuditLog(scopeFor(owner.workspaceId))).toEqual({ status: "pruned", pruned: 3, throughSeq: 3 });
    await entriesAt(owner.workspaceId, 1, 0);
    const left = await db.auditEntry.findMany({ where: { workspaceId: owner.workspaceId }, orderBy: { seq: "asc" } });
    expect(left.map((e) => e.seq)).toEqual([4, 5]);
    expect(await check(owner)).toMatchObject({ ok: true, entries: 2, checkpoint: { throughSeq: 3, pruned: 3 } });
  });

  it("keeps entries a paid plan or AUDIT_RETENTION_DAYS still keeps, and never prunes a broken chain", async () => {
    const pro = await makeUser("audit-prune-pro");
    await setPlan(pro.workspaceId, "pro");
    await entriesAt(pro.workspaceId, 2, 40);
    expect(await pruneAuditLog(scopeFor(pro.workspaceId))).toEqual({ status: "nothing" });

    const free = await makeUser("audit-prune-env");
    await entriesAt(free.workspaceId, 2, 40);
    vi.stubEnv("AUDIT_RETENTION_DAYS", "60");
    resetEnv();
    expect(await pruneAuditLog(scopeFor(free.workspaceId))).toEqual({ status: "nothing" });
    vi.stubEnv("AUDIT_RETENTION_DAYS", "10");
    resetEnv();
    expect(await pruneAuditLog(scopeFor(pro.workspaceId))).toMatchObject({ status: "pruned", pruned: 2 });

    // Tampered with, the old entries stay as evidence.
    const rows = await db.auditEntry.findMany({ where: { workspaceId: free.workspaceId }, orderBy: { seq: "asc" } });
    await db.$executeRaw`UPDATE "AuditEntry" SET details = '{"i": 9}' WHERE id = ${rows[1]!.id}`;
    expect(await pruneAuditLog(scopeFor(free.workspaceId))).toEqual({
      status: "refused",
      reason: "entry 2 does not verify",
      seq: 2,
    });
    expect(await db.auditEntry.count({ where: { workspaceId: free.workspaceId } })).toBe(2);
    expect((await check(free)).firstBroken).toMatchObject({ seq: 2 });
  });
});
