import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as overview } from "@/app/api/v1/billing/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { agentReflect } from "@/inngest/functions/agent-reflect";
import { tickReadyEvent } from "@/lib/agents/events";
import { callReflectionModel, reflectionRequest } from "@/lib/agents/reflect-on-tick";
import { usageRecordedEvent } from "@/lib/billing/events";
import { reportUsageEvent } from "@/lib/billing/report-usage-event";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { agentBody, makeAgent, makeWorkflow } from "../agents/helpers";
import { clearStripeEnv, setPlan, useStripeServer } from "../support/billing";
import { apiRequest, call, makeUser } from "../support/factory";
import { startStripeServer, type StripeTestServer } from "../support/stripe-server";

let stripe: StripeTestServer;

beforeAll(async () => {
  stripe = await startStripeServer();
  useStripeServer(stripe);
});
afterAll(async () => {
  clearStripeEnv();
  await stripe.close();
});

/** An agent whose tick has one finished run, ready for reflection. */
async function tickToReflectOn(label: string) {
  const u = await makeUser(label);
  const customer = `cus_${label}_${u.workspaceId}`;
  await setPlan(u.workspaceId, "pro", customer);
  const wf = await makeWorkflow(u);
  const agent = await makeAgent(u, agentBody([wf.id]));
  const tick = await db.agentTick.create({
    data: { workspaceId: u.workspaceId, agentId: agent.id, scheduledFor: new Date(), status: "running", manual: true },
  });
  const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: wf.id } });
  const run = await db.run.create({
    data: {
      workspaceId: u.workspaceId,
      workflowId: wf.id,
      workflowVersionId: version.id,
      input: "Publish the digest.",
      status: "completed",
      output: "The digest.",
      stepCount: 0,
      triggeredBy: "agent",
      agentId: agent.id,
      agentTickId: tick.id,
    },
  });
  return { u, customer, agentId: agent.id, tickId: tick.id, run: { runId: run.id, workflowId: wf.id } };
}

describe("metering reflections", () => {
  it("bills each answered reflection as one step, shown on its own line in usage and sent to the meter", async () => {
    const { u, customer, agentId, tickId, run } = await tickToReflectOn("reflect-meter");
    // Sending the usage event would need an Inngest server: that step is mocked.
    const reflected = await new InngestTestEngine({ function: agentReflect[0]! }).execute({
      events: [tickReadyEvent({ tickId, agentId, workspaceId: u.workspaceId })],
      steps: [{ id: `usage-${run.runId}`, handler: () => ({ ids: ["evt-test"] }) }],
    });
    expect(reflected.error).toBeUndefined();
    expect(reflected.result).toEqual({ tickId, verdicts: ["ok"] });

    const events = await db.usageEvent.findMany({ where: { workspaceId: u.workspaceId } });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      kind: "reflection",
      reflectedRunId: run.runId,
      runId: null,
      workflowId: run.workflowId,
      plan: "pro",
      steps: 1,
    });
    expect(event.inputTokens).toBeGreaterThan(0);
    expect(event.outputTokens).toBeGreaterThan(0);
    expect(Number(event.costUsd)).toBeGreaterThan(0);
    expect(reflected.ctx.step.sendEvent).toHaveBeenCalledWith(
      `usage-${run.runId}`,
      usageRecordedEvent(event.id, u.workspaceId),
    );

    const month = await call(usage, apiRequest("GET", "/api/v1/usage", { token: u.token }));
    expect(month.body.totals).toMatchObject({
      steps: 1,
      runs: 0,
      reflections: 1,
      inputTokens: event.inputTokens,
      outputTokens: event.outputTokens,
    });
    const billing = await call(overview, apiRequest("GET", "/api/v1/billing", { token: u.token }));
    expect(billing.body.usage.monthToDateSteps).toBe(1);

    await expect(reportUsageEvent(event.id)).resolves.toEqual({ status: "reported", usageEventId: event.id });
    expect(stripe.meterEvents.get(event.id)?.payload).toEqual({ stripe_customer_id: customer, value: "1" });
  });

  it("meters a reflection once however often its model call is retried", async () => {
    const { u, agentId, run } = await tickToReflectOn("reflect-retry");
    const scope = scopeFor(u.workspaceId);
    const ask = async () => callReflectionModel(scope, await reflectionRequest(scope, agentId, run.runId), run);
    const [first, second, third] = await Promise.all([ask(), ask(), ask()]);
    expect(first!.usageEventId).not.toBeNull();
    expect(second!.usageEventId).toBe(first!.usageEventId);
    expect(third!.usageEventId).toBe(first!.usageEventId);
    expect((await ask()).usageEventId).toBe(first!.usageEventId);
    expect(await db.usageEvent.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
    const month = await call(usage, apiRequest("GET", "/api/v1/usage", { token: u.token }));
    expect(month.body.totals).toMatchObject({ steps: 1, reflections: 1 });
  });

  it("does not bill a reflection whose model call failed", async () => {
    const { u, run } = await tickToReflectOn("reflect-failed");
    const scope = scopeFor(u.workspaceId);
    const answer = await callReflectionModel(
      scope,
      { model: "claude-sonnet-4-6", system: "[[simulate:error]]", messages: [{ role: "user", content: "x" }] },
      run,
    );
    expect(answer.usageEventId).toBeNull();
    expect(await db.usageEvent.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });
});
