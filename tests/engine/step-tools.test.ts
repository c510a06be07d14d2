import { afterAll, describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import { makeWorkspace, waitFor } from "../support/runs";

// Test functions, run by the driver through the same serve endpoint as the app's.
const reports: Record<string, unknown>[] = [];
const perWorkspace: [{ key: string; limit: number }] = [{ key: "event.data.workspaceId", limit: 5 }];

const double = inngest.createFunction(
  { id: "test-double", triggers: [{ event: "test/double-never-sent" }], concurrency: perWorkspace },
  async ({ event }) => ({ doubled: (event.data as { x: number }).x * 2 }),
);

const everything = inngest.createFunction(
  { id: "test-step-tools", triggers: [{ event: "test/start" }], concurrency: perWorkspace, retries: 0 },
  async ({ event, step }) => {
    const { workspaceId, key } = event.data as { workspaceId: string; key: string };
    const [a, b] = await Promise.all([
      step.run("a", () => ({ at: new Date(0), n: 1, gone: undefined as unknown })),
      step.run("b", () => 2),
    ]);
    await step.sleep("nap", "1s");
    const reply = await step.waitForEvent("reply", { event: "test/reply", match: "data.key", timeout: "1m" });
    const nothing = await step.waitForEvent("nothing", { event: "test/never", timeout: "1s" });
    const invoked = await step.invoke("call", { function: double, data: { workspaceId, x: 21 } });
    await step.run("report", () => {
      reports.push({ key, a, b, reply: reply?.data ?? null, nothing, invoked });
    });
  },
);

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("step tools in-process", () => {
  it("runs parallel steps, sleep, waitForEvent (match and timeout) and invoke, serialising results as Inngest does", async () => {
    const workspaceId = (await makeWorkspace("pro")).id;
    driver = await startDriver({
      functions: [everything, double],
      workspaces: [workspaceId],
      config: { pollMs: 50 },
    });
    await sendEvent({ name: "test/start", data: { workspaceId, key: "k1" } });

    const job = await waitFor(() =>
      db.engineJob.findFirst({ where: { functionId: "loopllama-test-step-tools", concurrencyKey: workspaceId } }),
    );
    // Parked on the wait: a reply for another key does not end it, the matching one does.
    await waitFor(() =>
      db.engineStep.findFirst({ where: { jobId: job.id, result: { path: ["op"], equals: "WaitForEvent" } } }),
    );
    await sendEvent({ name: "test/reply", data: { key: "other", answer: "no" } });
    await sendEvent({ name: "test/reply", data: { key: "k1", answer: "yes" } });

    await waitFor(async () => reports.length > 0, 20_000);
    expect(reports).toEqual([
      {
        key: "k1",
        a: { at: "1970-01-01T00:00:00.000Z", n: 1 },
        b: 2,
        reply: { key: "k1", answer: "yes" },
        nothing: null,
        invoked: { doubled: 42 },
      },
    ]);
    await waitFor(async () => (await db.engineJob.findUnique({ where: { id: job.id } }))?.status === "completed");
  });
});
