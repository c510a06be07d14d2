import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportUsage } from "@/inngest/functions/report-usage";
import { sweepUsageReports } from "@/inngest/functions/sweep-usage-reports";
import { usageRecordedEvent } from "@/lib/billing/events";
import { reportUsageEvent } from "@/lib/billing/report-usage-event";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import type { Plan } from "@/lib/generated/prisma/enums";
import { finishRun } from "@/lib/runs/finish-run";
import {
  clearStripeEnv,
  makeRunRow,
  makeUsageEvent,
  makeWorkflowRows,
  setPlan,
  useStripeServer,
} from "../support/billing";
import { makeUser } from "../support/factory";
import { startStripeServer, type StripeTestServer } from "../support/stripe-server";

const METER_PATH = "/v1/billing/meter_events";
let stripe: StripeTestServer;

beforeAll(async () => {
  stripe = await startStripeServer();
  useStripeServer(stripe);
});
afterAll(async () => {
  clearStripeEnv();
  await stripe.close();
});

async function paidUsage(label: string, steps = 7, createdAt?: Date) {
  const u = await makeUser(label);
  const customer = `cus_${label}_${u.workspaceId}`;
  await setPlan(u.workspaceId, "pro", customer);
  const usage = await makeUsageEvent(u.workspaceId, { steps, createdAt });
  return { workspaceId: u.workspaceId, customer, usage };
}

/** A run that used `steps` steps and finished while the workspace was on `plan`, through finishRun. */
async function finishedRunOn(workspaceId: string, plan: Plan, customer: string, steps = 3) {
  await setPlan(workspaceId, plan, customer);
  const wf = await makeWorkflowRows(workspaceId, steps);
  const run = await makeRunRow(workspaceId, wf, { status: "running", stepCount: steps });
  await db.step.createMany({
    data: Array.from({ length: steps }, (_, index) => ({
      workspaceId,
      runId: run.id,
      index,
      role: `agent-${index}`,
      model: "local",
      status: "completed" as const,
      output: "done",
    })),
  });
  const { usageEventId } = await finishRun(scopeFor(workspaceId), run.id);
  return usageEventId!;
}

const sendsFor = (usageId: string) => stripe.requestsTo(METER_PATH).filter((r) => r.body.identifier === usageId);

const runReport = (usageEventId: string, workspaceId: string) =>
  new InngestTestEngine({ function: reportUsage }).execute({ events: [usageRecordedEvent(usageEventId, workspaceId)] });

describe("reporting usage to the Stripe meter", () => {
  it("sends one meter event per usage event, identified by its id, even when the function runs again", async () => {
    const { workspaceId, customer, usage } = await paidUsage("meter-once");
    const first = await runReport(usage.id, workspaceId);
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ status: "reported", usageEventId: usage.id });

    const sent = sendsFor(usage.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({
      event_name: "workflow_steps",
      identifier: usage.id,
      payload: { stripe_customer_id: customer, value: "7" },
      timestamp: String(Math.floor(usage.createdAt.getTime() / 1000)),
    });
    expect(sent[0]!.headers["idempotency-key"]).toBe(`loopllama-meter-${usage.id}`);
    const row = await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } });
    expect(row.reportedAt).not.toBeNull();
    expect(row.reportAttempts).toBe(1);

    // A retry of the whole function: the row is marked, nothing is sent.
    const again = await runReport(usage.id, workspaceId);
    expect(again.result).toEqual({ status: "already_reported", usageEventId: usage.id });
    expect(sendsFor(usage.id)).toHaveLength(1);

    // A crash between Stripe's answer and the mark: the repeat carries the same
    // identifier and Stripe keeps one event.
    await db.usageEvent.update({ where: { id: usage.id }, data: { reportedAt: null } });
    await expect(reportUsageEvent(usage.id)).resolves.toEqual({ status: "reported", usageEventId: usage.id });
    expect([...stripe.meterEvents.keys()].filter((k) => k === usage.id)).toHaveLength(1);
    expect((await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } })).reportedAt).not.toBeNull();
  });

  it("records a failed send (500) and succeeds on the retry", async () => {
    const { workspaceId, usage } = await paidUsage("meter-500");
    stripe.failNext(METER_PATH, 500);
    const failed = await runReport(usage.id, workspaceId);
    expect(failed.result).toBeUndefined();
    let row = await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } });
    expect(row.reportedAt).toBeNull();
    expect(row.reportAttempts).toBe(1);
    expect(row.lastReportError).toMatch(/unknown error/);
    expect(stripe.meterEvents.has(usage.id)).toBe(false);

    const retried = await runReport(usage.id, workspaceId);
    expect(retried.result).toEqual({ status: "reported", usageEventId: usage.id });
    row = await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } });
    expect(row.reportedAt).not.toBeNull();
    expect(row.reportAttempts).toBe(2);
    expect(row.lastReportError).toBeNull();
    expect(sendsFor(usage.id)).toHaveLength(2);
    expect(stripe.meterEvents.has(usage.id)).toBe(true);
  });

  it("stops retrying on a 4xx, and the sweep sends it later", async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const { workspaceId, usage } = await paidUsage("meter-400", 4, tenMinutesAgo);
    stripe.failNext(METER_PATH, 400);
    const failed = await runReport(usage.id, workspaceId);
    expect(failed.error).toBeDefined();
    let row = await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } });
    expect(row.reportedAt).toBeNull();
    expect(row.reportAttempts).toBe(1);
    expect(row.lastReportError).toMatch(/No such customer/);

    const swept = await new InngestTestEngine({ function: sweepUsageReports }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
    });
    expect(swept.error).toBeUndefined();
    row = await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } });
    expect(row.reportedAt).not.toBeNull();
    expect(row.lastReportError).toBeNull();
    expect(stripe.meterEvents.get(usage.id)?.payload).toEqual({ stripe_customer_id: expect.any(String), value: "4" });
  });

  it("does not send Free usage: it is settled without a report", async () => {
    const u = await makeUser("meter-free");
    const usage = await makeUsageEvent(u.workspaceId, { steps: 3 });
    const res = await runReport(usage.id, u.workspaceId);
    expect(res.result).toEqual({ status: "not_billable", usageEventId: usage.id });
    const row = await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } });
    expect(row.reportedAt).not.toBeNull();
    expect(row.reportAttempts).toBe(0);
    expect(sendsFor(usage.id)).toHaveLength(0);
  });

  it("bills usage under the plan in force when it was used, not the plan when it is sent", async () => {
    const u = await makeUser("meter-plan");
    const customer = `cus_plan_${u.workspaceId}`;

    // Used on Free, sent after the upgrade to Pro: still Free usage, never sent.
    const onFree = await finishedRunOn(u.workspaceId, "free", customer);
    expect((await db.usageEvent.findUniqueOrThrow({ where: { id: onFree } })).plan).toBe("free");
    await setPlan(u.workspaceId, "pro", customer);
    expect((await runReport(onFree, u.workspaceId)).result).toEqual({ status: "not_billable", usageEventId: onFree });
    expect(sendsFor(onFree)).toHaveLength(0);

    // Used on Pro, sent after the subscription ended (back on Free): billed as Pro overage.
    const onPro = await finishedRunOn(u.workspaceId, "pro", customer);
    expect((await db.usageEvent.findUniqueOrThrow({ where: { id: onPro } })).plan).toBe("pro");
    await setPlan(u.workspaceId, "free", customer);
    expect((await runReport(onPro, u.workspaceId)).result).toEqual({ status: "reported", usageEventId: onPro });
    expect(stripe.meterEvents.get(onPro)?.payload).toEqual({ stripe_customer_id: customer, value: "3" });
  });

  it("leaves paid usage unreported while Stripe is not configured", async () => {
    const { workspaceId, usage } = await paidUsage("meter-unconfigured");
    clearStripeEnv();
    try {
      const res = await runReport(usage.id, workspaceId);
      expect(res.result).toEqual({ status: "not_configured", usageEventId: usage.id });
      expect((await db.usageEvent.findUniqueOrThrow({ where: { id: usage.id } })).reportedAt).toBeNull();
    } finally {
      useStripeServer(stripe);
    }
  });
});
