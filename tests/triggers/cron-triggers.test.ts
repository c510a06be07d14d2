import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { agentScheduler } from "@/inngest/functions/agent-scheduler";
import { PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { PATCH as patchWorkflow, GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as restoreVersion } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { db } from "@/lib/db/client";
import { workflowResponseSchema } from "@/lib/workflows/response-schemas";
import { fireDueTriggers } from "@/lib/workflows/triggers/fire-due-triggers";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createOk } from "../graph/helpers";

const MINUTE = 60_000;
let user: TestUser;
let other: TestUser;

beforeAll(async () => {
  user = await makeUser("cron-trigger");
  other = await makeUser("cron-trigger-other");
});

function scheduled(trigger: object | undefined, name = "Upkeep") {
  return {
    name,
    model: "claude-sonnet-4-6",
    graph: {
      start: "check",
      nodes: [{ id: "check", role: "checker", systemPrompt: "Check the fleet at {{ input }}." }],
      edges: [{ from: "check", to: "END" }],
      ...(trigger ? { trigger } : {}),
    },
  };
}

const getOne = (u: TestUser, id: string) =>
  call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${id}`, { token: u.token }), { id });

/** Arms the workflow at `slot` (a past slot: due, as the sweep finds it). */
async function makeDue(id: string, slot: Date) {
  await db.workflow.update({ where: { id }, data: { nextTriggerAt: slot } });
}

/** A whole five minutes `k` slots back from now (a slot of "*\/5 * * * *"). */
function slotBack(k: number) {
  const five = 5 * MINUTE;
  return new Date(Math.floor(Date.now() / five) * five - (k - 1) * five);
}

describe("cron-triggered graphs", () => {
  it("show the next slot in the workflow's response, in the trigger's time zone", async () => {
    const id = await createOk(user, scheduled({ cron: "0 9 * * *", timezone: "America/New_York" }));
    const res = await getOne(user, id);
    expect(res.status).toBe(200);
    workflowResponseSchema.parse(res.body);
    const next = new Date(res.body.nextTriggerAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 60 * MINUTE);
    const local = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(next);
    expect(local).toBe("09:00");

    const plain = await createOk(user, scheduled(undefined, "No trigger"));
    expect((await getOne(user, plain)).body.nextTriggerAt).toBeNull();
    expect((await getOne(other, id)).status).toBe(404);
  });

  it("a due slot starts exactly one run when four sweeps claim it at once", async () => {
    const id = await createOk(user, scheduled({ cron: "*/5 * * * *", timezone: "UTC" }, "Race"));
    const slot = slotBack(1);
    await makeDue(id, slot);
    const sweeps = await Promise.all(
      Array.from({ length: 4 }, () => fireDueTriggers({ workspaceIds: [user.workspaceId] })),
    );
    const fired = sweeps.flat().filter((f) => f.workflowId === id);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ slot: slot.toISOString(), error: null });
    const runs = await db.run.findMany({ where: { workflowId: id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: fired[0]!.runId, triggeredBy: "schedule", input: slot.toISOString() });
    const row = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(row.nextTriggerAt!.getTime()).toBeGreaterThan(Date.now());
    expect(row.nextTriggerAt!.getTime() % (5 * MINUTE)).toBe(0);

    // A retried claim of the same slot (the row as it was before) starts no second run.
    await makeDue(id, slot);
    await fireDueTriggers({ workspaceIds: [user.workspaceId] });
    expect(await db.run.count({ where: { workflowId: id } })).toBe(1);
  });

  it("slots missed while the server was down fire once, then the schedule goes on from now", async () => {
    const id = await createOk(user, scheduled({ cron: "*/5 * * * *", timezone: "UTC" }, "Missed"));
    await makeDue(id, slotBack(6));
    const now = new Date();
    expect(await fireDueTriggers({ now, workspaceIds: [user.workspaceId] })).toHaveLength(1);
    expect(await fireDueTriggers({ now, workspaceIds: [user.workspaceId] })).toHaveLength(0);
    const row = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(row.nextTriggerAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(await db.run.count({ where: { workflowId: id } })).toBe(1);
  });

  it("a paused workflow is disarmed and does not fire; resuming arms it again", async () => {
    const id = await createOk(user, scheduled({ cron: "*/5 * * * *", timezone: "UTC" }, "Paused"));
    const patch = (status: string) =>
      call(patchWorkflow, apiRequest("PATCH", `/api/v1/workflows/${id}`, { token: user.token }, { status }), { id });
    const paused = await patch("paused");
    expect(paused.status).toBe(200);
    expect(paused.body.nextTriggerAt).toBeNull();
    // Even with a slot left armed by hand, the sweep passes a paused workflow by.
    await makeDue(id, slotBack(1));
    expect((await fireDueTriggers({ workspaceIds: [user.workspaceId] })).filter((f) => f.workflowId === id)).toEqual(
      [],
    );
    expect(await db.run.count({ where: { workflowId: id } })).toBe(0);

    await db.workflow.update({ where: { id }, data: { nextTriggerAt: null } });
    const resumed = await patch("active");
    expect(new Date(resumed.body.nextTriggerAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("a new version re-arms or disarms the trigger, and a restore puts it back", async () => {
    const id = await createOk(user, scheduled({ cron: "0 9 * * *", timezone: "UTC" }, "Versions"));
    const put = (body: object) =>
      call(putGraph, apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: user.token }, body), { id });
    const hourly = await put({ graph: scheduled({ cron: "30 * * * *", timezone: "UTC" }).graph });
    expect(hourly.status, JSON.stringify(hourly.body)).toBe(200);
    let row = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(row.nextTriggerAt!.getUTCMinutes()).toBe(30);

    expect((await put({ graph: scheduled(undefined).graph })).status).toBe(200);
    row = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(row.nextTriggerAt).toBeNull();

    const restored = await call(
      restoreVersion,
      apiRequest("POST", `/api/v1/workflows/${id}/versions/1/restore`, { token: user.token }),
      { id, version: "1" },
    );
    expect(restored.status, JSON.stringify(restored.body)).toBeLessThan(300);
    row = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(row.nextTriggerAt!.getUTCHours()).toBe(9);
    expect(row.nextTriggerAt!.getUTCMinutes()).toBe(0);
  });

  it("fires a slot whose schedule key a caller already sent as an Idempotency-Key", async () => {
    const id = await createOk(user, scheduled({ cron: "*/5 * * * *", timezone: "UTC" }, "Squatted"));
    const slot = slotBack(1);
    const squat = await call(
      createRun,
      apiRequest(
        "POST",
        `/api/v1/workflows/${id}/runs`,
        { token: user.token },
        { input: "something else" },
        {
          "idempotency-key": `schedule:${id}:${slot.toISOString()}`,
        },
      ),
      { id },
    );
    expect(squat.status).toBe(202);
    await makeDue(id, slot);
    const [fired] = await fireDueTriggers({ workspaceIds: [user.workspaceId] });
    expect(fired).toMatchObject({ workflowId: id, slot: slot.toISOString(), error: null });
    const run = await db.run.findUniqueOrThrow({ where: { id: fired!.runId! } });
    expect(run).toMatchObject({ triggeredBy: "schedule", input: slot.toISOString() });
    // The caller's retry still finds its own run.
    const retry = await call(
      createRun,
      apiRequest(
        "POST",
        `/api/v1/workflows/${id}/runs`,
        { token: user.token },
        { input: "something else" },
        {
          "idempotency-key": `schedule:${id}:${slot.toISOString()}`,
        },
      ),
      { id },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(squat.body.id);
  });

  it("fires from the agent scheduler's cron function", async () => {
    const id = await createOk(user, scheduled({ cron: "*/5 * * * *", timezone: "UTC" }, "Scheduler"));
    await makeDue(id, slotBack(1));
    const { result } = await new InngestTestEngine({ function: agentScheduler }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }],
      steps: [{ id: "start-ticks", handler: () => ({ ids: [] }) }],
    });
    expect(result).toMatchObject({ triggered: expect.any(Number) });
    const runs = await db.run.findMany({ where: { workflowId: id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.triggeredBy).toBe("schedule");
  });
});
