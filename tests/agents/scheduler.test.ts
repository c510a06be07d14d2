import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { agentScheduler } from "@/inngest/functions/agent-scheduler";
import { claimDueTicks, staleClaimedTicks } from "@/lib/agents/claim-due-ticks";
import { agentTickEvent } from "@/lib/agents/events";
import { workspaceOwner } from "@/lib/billing/workspace-owner";
import { db } from "@/lib/db/client";
import { makeUser } from "../support/factory";
import { agentBody, makeAgent, makeWorkflow } from "./helpers";

const MINUTE = 60_000;

/** An interval agent whose tick was due `minutesAgo` minutes ago. */
async function dueAgent(label: string, minutesAgo: number, intervalMinutes = 10) {
  const u = await makeUser(label);
  const wf = await makeWorkflow(u);
  const agent = await makeAgent(u, agentBody([wf.id], { schedule: { type: "interval", intervalMinutes } }));
  const due = new Date(Math.floor((Date.now() - minutesAgo * MINUTE) / 1000) * 1000);
  await db.agent.update({ where: { id: agent.id }, data: { nextRunAt: due } });
  return { u, agent, due };
}

describe("agent scheduler", () => {
  it("starts one tick when two sweeps run at once", async () => {
    const { u, agent, due } = await dueAgent("sch-race", 1);
    const sweeps = await Promise.all(Array.from({ length: 4 }, () => claimDueTicks({ workspaceIds: [u.workspaceId] })));
    expect(sweeps.flat()).toHaveLength(1);
    const ticks = await db.agentTick.findMany({ where: { agentId: agent.id } });
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.scheduledFor.toISOString()).toBe(due.toISOString());
    const row = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.status).toBe("running");
    expect(row.nextRunAt!.toISOString()).toBe(new Date(due.getTime() + 10 * MINUTE).toISOString());
  });

  it("does not start a second tick for the same slot when a claim is retried", async () => {
    const { u, agent, due } = await dueAgent("sch-retry", 1);
    expect(await claimDueTicks({ workspaceIds: [u.workspaceId] })).toHaveLength(1);
    // As if the sweep's step were retried with the agent row as it was before the claim.
    await db.agent.update({ where: { id: agent.id }, data: { status: "idle", nextRunAt: due } });
    expect(await claimDueTicks({ workspaceIds: [u.workspaceId] })).toHaveLength(0);
    expect(await db.agentTick.count({ where: { agentId: agent.id } })).toBe(1);
  });

  it("fires a tick missed while the server was down once, then keeps the schedule", async () => {
    // Down for 55 minutes with a 10-minute interval: five slots were missed.
    const { u, agent, due } = await dueAgent("sch-missed", 55);
    const now = new Date();
    const claimed = await claimDueTicks({ now, workspaceIds: [u.workspaceId] });
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.scheduledFor).toBe(due.toISOString());
    const row = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.nextRunAt!.getTime()).toBeGreaterThan(now.getTime());
    expect((row.nextRunAt!.getTime() - due.getTime()) % (10 * MINUTE)).toBe(0);
    // The agent is busy with that tick; once idle again nothing is due until the next slot.
    await db.agent.update({ where: { id: agent.id }, data: { status: "idle" } });
    expect(await claimDueTicks({ now, workspaceIds: [u.workspaceId] })).toHaveLength(0);
    expect(await db.agentTick.count({ where: { agentId: agent.id } })).toBe(1);
  });

  it("skips paused, failed and running agents", async () => {
    for (const status of ["paused", "failed", "running"] as const) {
      const { u, agent } = await dueAgent(`sch-${status}`, 5);
      await db.agent.update({ where: { id: agent.id }, data: { status } });
      expect(await claimDueTicks({ workspaceIds: [u.workspaceId] }), status).toHaveLength(0);
    }
  });

  it("fires a once schedule once and then has no next run", async () => {
    const u = await makeUser("sch-once");
    const wf = await makeWorkflow(u);
    const at = new Date(Date.now() + 60 * MINUTE);
    const agent = await makeAgent(u, agentBody([wf.id], { schedule: { type: "once", datetime: at.toISOString() } }));
    expect(agent.nextRunAt).toBe(at.toISOString());
    const later = new Date(at.getTime() + MINUTE);
    expect(await claimDueTicks({ now: later, workspaceIds: [u.workspaceId] })).toHaveLength(1);
    const row = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.nextRunAt).toBeNull();
  });

  it("runs as an Inngest cron function: claims due ticks and sends agent/tick for each", async () => {
    const { agent } = await dueAgent("sch-cron", 2);
    const { result, ctx } = await new InngestTestEngine({ function: agentScheduler }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }],
      // No Inngest server in tests: the send step is stubbed; its payload is read from the step spy.
      steps: [{ id: "start-ticks", handler: () => ({ ids: [] }) }],
    });
    expect(result).toMatchObject({ claimed: expect.any(Number) });
    const tick = await db.agentTick.findFirstOrThrow({ where: { agentId: agent.id } });
    const sent = ctx.step.sendEvent.mock.calls.flatMap((c: unknown[]) => c[1] as { id: string }[]);
    // It carries the workspace's plan and owner, the keys of the plan's tick limit.
    const owner = await workspaceOwner(db, tick.workspaceId);
    expect(owner.ownerId).not.toBe(tick.workspaceId);
    expect(sent).toContainEqual(
      agentTickEvent({ tickId: tick.id, agentId: agent.id, workspaceId: tick.workspaceId, ...owner }),
    );
  });

  it("re-sends a tick whose start was lost, under the same event id", async () => {
    const { u, agent } = await dueAgent("sch-stale", 1);
    const [claimed] = await claimDueTicks({ workspaceIds: [u.workspaceId] });
    await db.agentTick.update({
      where: { id: claimed!.tickId },
      data: { createdAt: new Date(Date.now() - 10 * MINUTE) },
    });
    const stale = await staleClaimedTicks();
    expect(stale.map((s) => s.tickId)).toContain(claimed!.tickId);
    expect(agentTickEvent(stale.find((s) => s.agentId === agent.id)!).id).toBe(`agent-tick-${claimed!.tickId}`);
  });
});
