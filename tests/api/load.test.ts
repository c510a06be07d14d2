import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it, vi } from "vitest";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiOperations } from "@/lib/api/operations";
import { errorResponse } from "@/lib/http/respond";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { setPlan } from "../support/billing";
import { apiRequest, call, makeUser } from "../support/factory";

const BURST = 400;

/** A client of its own with a one-connection pool, to exhaust on purpose. */
function tinyClient(connectionTimeoutMillis?: number) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 1, connectionTimeoutMillis }),
  });
}

/**
 * Runs `work` while another transaction holds the tiny pool's only connection
 * for `holdMs` after `work` starts (timed from then, so a slow machine cannot
 * release the connection before the work asks for it).
 */
async function whileHeld<T>(client: PrismaClient, holdMs: number, work: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const holder = client.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      held();
      await released;
    },
    { timeout: 30_000 },
  );
  await holding;
  const timer = setTimeout(release, holdMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    release();
    await holder;
  }
}

async function expectBusy(err: unknown) {
  const res = errorResponse(err);
  expect(res.status).toBe(503);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const body = await res.json();
  expect(body.error.code).toBe("unavailable");
}

describe("load is answered, not dropped", () => {
  it(`${BURST} concurrent run requests on one workspace: 202, or 429/503 with Retry-After; nothing half-written`, async () => {
    const u = await makeUser("burst");
    await setPlan(u.workspaceId, "team");
    const crew = [
      { role: "a", systemPrompt: "p" },
      { role: "b", systemPrompt: "p" },
      { role: "c", systemPrompt: "p" },
    ];
    const wf = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "Burst", crew }),
    );
    expect(wf.status).toBe(201);
    const id = wf.body.id as string;

    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        call(
          createRun,
          apiRequest("POST", `/api/v1/workflows/${id}/runs`, { token: u.token }, { input: `burst ${i}` }),
          { id },
        ),
      ),
    );

    const counts: Record<number, number> = {};
    for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
    console.log(`burst of ${BURST}: ${JSON.stringify(counts)}`);
    for (const a of answers) {
      expect([202, 429, 503], JSON.stringify(a.body)).toContain(a.status);
      if (a.status !== 202) {
        expect(Number(a.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(a.body.error.code).toBe(a.status === 429 ? "rate_limited" : "unavailable");
      }
    }
    // Waiting its turn for a connection, most requests are admitted (the Team plan allows them all).
    expect(counts[202] ?? 0).toBeGreaterThan(BURST / 2);

    const runs = await db.run.findMany({
      where: { workspaceId: u.workspaceId },
      select: { id: true, stepCount: true, _count: { select: { steps: true } } },
    });
    expect(runs).toHaveLength(counts[202] ?? 0);
    expect(new Set(runs.map((r) => r.id))).toEqual(
      new Set(answers.filter((a) => a.status === 202).map((a) => a.body.id)),
    );
    for (const run of runs) {
      expect(run.stepCount).toBe(crew.length);
      expect(run._count.steps).toBe(crew.length);
    }
  }, 180_000);

  it("a transaction that cannot get a connection in time is a 503 with Retry-After, not a 500", async () => {
    const client = tinyClient();
    try {
      const err = await whileHeld(client, 600, () =>
        client
          .$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 200 })
          .then(
            () => null,
            (e: unknown) => e,
          ),
      );
      expect(err).toMatchObject({ code: "P2028" });
      await expectBusy(err);
    } finally {
      await client.$disconnect();
    }
  });

  it("a query that waits past the pool's connection timeout is a 503 with Retry-After", async () => {
    const client = tinyClient(200);
    try {
      const err = await whileHeld(client, 2_000, () =>
        client.user.count().then(
          () => null,
          (e: unknown) => e,
        ),
      );
      expect(err).toBeInstanceOf(Error);
      await expectBusy(err);
    } finally {
      await client.$disconnect();
    }
  });

  it("PostgreSQL refusing another client is a 503 too", async () => {
    await expectBusy(Object.assign(new Error("sorry, too many clients already"), { code: "53300" }));
    await expectBusy(Object.assign(new Error("Too many database connections opened"), { code: "P2037" }));
    await expectBusy(Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(errorResponse(new Error("something else")).status).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it("the OpenAPI document lists the 503 on every operation, and 400/413 where input can be refused", () => {
    const doc = buildOpenApiDocument(apiOperations) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const statuses = Object.keys(op.responses);
        expect(statuses, `${method} ${path}`).toContain("503");
        if (path.includes("{")) expect(statuses, `${method} ${path}`).toContain("400");
        if (op.requestBody) expect(statuses, `${method} ${path}`).toContain("413");
      }
    }
  });
});
