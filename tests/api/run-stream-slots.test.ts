import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { scopeFor, tenantExtension, type Scope } from "@/lib/db/tenant";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resetEnv } from "@/lib/env";
import { streamSlotTtlMs, takeWorkspaceStreamSlot } from "@/lib/runs/take-workspace-stream-slot";
import { makeWorkspace } from "../support/runs";

afterEach(() => {
  delete process.env.RUN_STREAMS_PER_WORKSPACE;
  resetEnv();
});

function setLimit(limit: number) {
  process.env.RUN_STREAMS_PER_WORKSPACE = String(limit);
  resetEnv();
}

/** What a refused take threw: a 429 with Retry-After. */
async function refusal(take: Promise<unknown>): Promise<AppError> {
  const err = await take.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  expect(appError.status).toBe(429);
  expect(Number(appError.headers?.["Retry-After"])).toBeGreaterThan(0);
  return appError;
}

describe("run event stream slots per workspace", () => {
  it("two processes taking slots at once cannot pass RUN_STREAMS_PER_WORKSPACE together", async () => {
    setLimit(3);
    const ws = await makeWorkspace();
    const other = await makeWorkspace();
    // The second "process" has a Prisma client and connection pool of its own, as another server would.
    const processB = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
    const a = scopeFor(ws.id);
    // The same tenant extension on another client; only the root client's omit options differ in type.
    const b: Scope = { workspaceId: ws.id, db: processB.$extends(tenantExtension(ws.id)) as unknown as Scope["db"] };
    const takes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => takeWorkspaceStreamSlot(i % 2 === 0 ? a : b)),
    );
    const taken = takes.filter((t) => t.status === "fulfilled");
    expect(taken).toHaveLength(3);
    for (const t of takes) {
      if (t.status === "rejected") {
        expect(t.reason).toBeInstanceOf(AppError);
        expect((t.reason as AppError).status).toBe(429);
        expect((t.reason as AppError).message).toContain("the limit is 3 (RUN_STREAMS_PER_WORKSPACE)");
      }
    }
    expect(await db.runStreamSlot.count({ where: { workspaceId: ws.id } })).toBe(3);
    // Another workspace is not held back.
    await takeWorkspaceStreamSlot(scopeFor(other.id));
    await processB.$disconnect();
  });

  it("a slot is free again once its stream closes", async () => {
    setLimit(2);
    const ws = await makeWorkspace();
    const scope = scopeFor(ws.id);
    const first = await takeWorkspaceStreamSlot(scope);
    await takeWorkspaceStreamSlot(scope);
    await refusal(takeWorkspaceStreamSlot(scope));
    await first.release();
    await first.release(); // once, however often
    await takeWorkspaceStreamSlot(scope);
    await refusal(takeWorkspaceStreamSlot(scope));
  });

  it("a slot that is not refreshed (its process died) expires; a refreshed one holds", async () => {
    setLimit(2);
    const ws = await makeWorkspace();
    const scope = scopeFor(ws.id);
    const start = new Date();
    const ttl = streamSlotTtlMs();
    const live = await takeWorkspaceStreamSlot(scope, start);
    await takeWorkspaceStreamSlot(scope, start); // its process dies: never refreshed, never released
    await refusal(takeWorkspaceStreamSlot(scope, new Date(start.getTime() + ttl - 1)));

    await live.refresh(new Date(start.getTime() + ttl / 2));
    const later = new Date(start.getTime() + ttl + 1);
    // The dead process's slot has expired; the live stream's slot still counts.
    await takeWorkspaceStreamSlot(scope, later);
    await refusal(takeWorkspaceStreamSlot(scope, later));
    expect(await db.runStreamSlot.count({ where: { workspaceId: ws.id } })).toBe(2);
  });
});
