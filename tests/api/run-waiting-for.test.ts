import { describe, expect, it } from "vitest";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createOk } from "../graph/helpers";

/** Queues a run through the API; no engine runs this workspace's jobs here, so they stay where the test puts them. */
async function queued(u: TestUser, workflowId: string) {
  const res = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, { input: "Tea" }),
    { id: workflowId },
  );
  expect(res.status).toBe(202);
  return res.body.id as string;
}

const read = async (u: TestUser, id: string) =>
  (await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: u.token }), { id })).body;

const jobOf = (runId: string) =>
  db.engineJob.findFirstOrThrow({ where: { eventName: "run/requested", data: { path: ["runId"], equals: runId } } });

describe("why a run is where it is", () => {
  it("says a queued run waits for the engine, then for a concurrency slot with its place in line, then for a retry", async () => {
    const u = await makeUser("waiting");
    const workflowId = await createOk(u, {
      name: "Waits",
      model: "claude-sonnet-4-6",
      crew: [{ role: "writer", systemPrompt: "Write." }],
    });
    const first = await queued(u, workflowId);
    const second = await queued(u, workflowId);
    const third = await queued(u, workflowId);
    try {
      expect((await read(u, second)).waitingFor).toEqual({
        reason: "engine",
        message: "Waiting for the engine to pick it up.",
        until: null,
        position: null,
      });

      // The first run holds the plan's slot: the others wait in line, in order.
      await db.engineJob.update({ where: { id: (await jobOf(first)).id }, data: { status: "running" } });
      const secondWaits = (await read(u, second)).waitingFor;
      expect(secondWaits).toMatchObject({ reason: "concurrency", position: 1 });
      expect(secondWaits.message).toMatch(/concurrency slot of its plan: 1 running, this run is number 1 in line/);
      expect((await read(u, third)).waitingFor).toMatchObject({ reason: "concurrency", position: 2 });

      // A failed attempt puts the job back until its retry.
      const retryAt = new Date(Date.now() + 60_000);
      await db.engineJob.update({
        where: { id: (await jobOf(third)).id },
        data: { attempts: 1, runAt: retryAt, lastError: "Error: connection reset\n    at somewhere" },
      });
      expect((await read(u, third)).waitingFor).toEqual({
        reason: "retry",
        message: `Retrying at ${retryAt.toISOString()} after a failed attempt: Error: connection reset.`,
        until: retryAt.toISOString(),
        position: null,
      });
    } finally {
      await db.engineJob.updateMany({
        where: { id: { in: [(await jobOf(first)).id, (await jobOf(second)).id, (await jobOf(third)).id] } },
        data: { status: "completed" },
      });
    }
  });

  it("is null once a run has ended", async () => {
    const u = await makeUser("waiting-done");
    const workflowId = await createOk(u, {
      name: "Ends",
      model: "claude-sonnet-4-6",
      crew: [{ role: "writer", systemPrompt: "Write." }],
    });
    const id = await queued(u, workflowId);
    await db.engineJob.update({ where: { id: (await jobOf(id)).id }, data: { status: "completed" } });
    await db.run.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } });
    expect((await read(u, id)).waitingFor).toBeNull();
  });
});
