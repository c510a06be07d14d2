import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import { db } from "@/lib/db/client";
import { clearStripeEnv, setPlan, TEST_PRICES, TEST_WEBHOOK_SECRET, useStripeServer } from "../support/billing";
import { makeUser } from "../support/factory";
import { startStripeServer, type StripeTestServer } from "../support/stripe-server";

let stripe: StripeTestServer;
const sdk = new Stripe("sk_test_signing");
let seq = 0;

beforeAll(async () => {
  stripe = await startStripeServer();
  useStripeServer(stripe);
});
afterAll(async () => {
  clearStripeEnv();
  await stripe.close();
});

const periodStart = Math.floor(Date.UTC(2026, 10, 1) / 1000);
const periodEnd = Math.floor(Date.UTC(2026, 11, 1) / 1000);

function subscription(opts: {
  id: string;
  customer: string;
  status: string;
  plan: "pro" | "team";
  workspaceId?: string;
  cancelAtPeriodEnd?: boolean;
}) {
  const base = opts.plan === "pro" ? TEST_PRICES.STRIPE_PRICE_PRO : TEST_PRICES.STRIPE_PRICE_TEAM;
  const metered = opts.plan === "pro" ? TEST_PRICES.STRIPE_PRICE_OVERAGE_PRO : TEST_PRICES.STRIPE_PRICE_OVERAGE_TEAM;
  const item = (price: string, usage: "licensed" | "metered") => ({
    id: `si_${price}_${opts.id}`,
    object: "subscription_item",
    price: { id: price, object: "price", recurring: { interval: "month", usage_type: usage } },
    current_period_start: periodStart,
    current_period_end: periodEnd,
  });
  return {
    id: opts.id,
    object: "subscription",
    customer: opts.customer,
    status: opts.status,
    cancel_at_period_end: opts.cancelAtPeriodEnd ?? false,
    metadata: opts.workspaceId ? { workspaceId: opts.workspaceId } : {},
    items: { object: "list", data: [item(base, "licensed"), item(metered, "metered")] },
  };
}

function event(
  type: string,
  object: unknown,
  id = `evt_test_${++seq}_${Date.now()}`,
  created = Math.floor(Date.now() / 1000),
) {
  return JSON.stringify({
    id,
    object: "event",
    type,
    api_version: "2026-10-28.endive",
    created,
    livemode: false,
    data: { object },
  });
}

async function deliver(payload: string, secret = TEST_WEBHOOK_SECRET) {
  const signature = sdk.webhooks.generateTestHeaderString({ payload, secret });
  const res = await webhook(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      headers: { "stripe-signature": signature, "content-type": "application/json" },
      body: payload,
    }),
  );
  return { status: res.status, body: await res.json() };
}

async function workspaceState(workspaceId: string) {
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  const sub = await db.subscription.findUnique({ where: { workspaceId } });
  return { plan: ws.plan, customer: ws.stripeCustomerId, sub };
}

describe("Stripe webhook", () => {
  it("follows a subscription from creation through an upgrade, a failed payment and cancellation", async () => {
    const u = await makeUser("hook-life");
    const customer = `cus_life_${u.workspaceId}`;
    const subId = `sub_life_${u.workspaceId}`;

    const created = await deliver(
      event(
        "customer.subscription.created",
        subscription({ id: subId, customer, status: "active", plan: "pro", workspaceId: u.workspaceId }),
      ),
    );
    expect(created).toEqual({ status: 200, body: { received: true, outcome: "applied" } });
    let state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("pro");
    expect(state.customer).toBe(customer);
    expect(state.sub).toMatchObject({
      stripeSubscriptionId: subId,
      stripeCustomerId: customer,
      plan: "pro",
      status: "active",
      priceId: TEST_PRICES.STRIPE_PRICE_PRO,
      cancelAtPeriodEnd: false,
    });
    expect(state.sub?.currentPeriodEnd?.toISOString()).toBe("2026-12-01T00:00:00.000Z");

    // Updated to Team in the portal; found by customer id (no metadata).
    await deliver(
      event(
        "customer.subscription.updated",
        subscription({ id: subId, customer, status: "active", plan: "team", cancelAtPeriodEnd: true }),
      ),
    );
    state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("team");
    expect(state.sub).toMatchObject({ plan: "team", priceId: TEST_PRICES.STRIPE_PRICE_TEAM, cancelAtPeriodEnd: true });

    // A failed payment: past_due, the plan stays while Stripe retries.
    const failed = await deliver(
      event("invoice.payment_failed", {
        id: `in_${u.workspaceId}`,
        object: "invoice",
        customer,
        metadata: {},
        parent: { type: "subscription_details", subscription_details: { subscription: subId, metadata: {} } },
      }),
    );
    expect(failed.body.outcome).toBe("applied");
    state = await workspaceState(u.workspaceId);
    expect(state.sub?.status).toBe("past_due");
    expect(state.plan).toBe("team");

    // Stripe gives up: unpaid ends paid access.
    await deliver(
      event("customer.subscription.updated", subscription({ id: subId, customer, status: "unpaid", plan: "team" })),
    );
    state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("free");
    expect(state.sub?.status).toBe("unpaid");

    await deliver(
      event("customer.subscription.deleted", subscription({ id: subId, customer, status: "canceled", plan: "team" })),
    );
    state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("free");
    expect(state.sub?.status).toBe("canceled");

    // Each change of plan is in the audit log, by the system; events that kept the plan are not.
    const changes = await db.auditEntry.findMany({ where: { workspaceId: u.workspaceId }, orderBy: { seq: "asc" } });
    expect(changes.map((c) => [c.action, c.actorType, c.details])).toEqual([
      ["plan.changed", "system", expect.objectContaining({ from: "free", to: "pro" })],
      ["plan.changed", "system", expect.objectContaining({ from: "pro", to: "team" })],
      ["plan.changed", "system", expect.objectContaining({ from: "team", to: "free" })],
    ]);
  });

  it("refuses a bad signature with 400 and changes nothing", async () => {
    const u = await makeUser("hook-badsig");
    const payload = event(
      "customer.subscription.created",
      subscription({
        id: `sub_bad_${u.workspaceId}`,
        customer: `cus_bad_${u.workspaceId}`,
        status: "active",
        plan: "team",
        workspaceId: u.workspaceId,
      }),
    );
    const forged = await deliver(payload, "whsec_not_the_secret");
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("invalid_signature");

    const unsigned = await webhook(
      new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload }),
    );
    expect(unsigned.status).toBe(400);

    // A valid signature over a different body (tampered payload) also fails.
    const signature = sdk.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET });
    const tampered = await webhook(
      new Request("http://localhost/api/stripe/webhook", {
        method: "POST",
        headers: { "stripe-signature": signature },
        body: payload.replace('"team"', '"pro"').replace("price_team_base", "price_pro_base"),
      }),
    );
    expect(tampered.status).toBe(400);

    const state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("free");
    expect(state.sub).toBeNull();
    expect(await db.stripeEvent.count({ where: { id: JSON.parse(payload).id } })).toBe(0);
  });

  it("applies an event once: a replay changes nothing", async () => {
    const u = await makeUser("hook-replay");
    const customer = `cus_replay_${u.workspaceId}`;
    const subId = `sub_replay_${u.workspaceId}`;
    const createdPayload = event(
      "customer.subscription.created",
      subscription({ id: subId, customer, status: "active", plan: "pro", workspaceId: u.workspaceId }),
    );
    expect((await deliver(createdPayload)).body.outcome).toBe("applied");
    await deliver(
      event("customer.subscription.deleted", subscription({ id: subId, customer, status: "canceled", plan: "pro" })),
    );
    expect((await workspaceState(u.workspaceId)).plan).toBe("free");

    // The old "created" delivered again: same event id, nothing changes.
    const replay = await deliver(createdPayload);
    expect(replay).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
    const state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("free");
    expect(state.sub?.status).toBe("canceled");

    // Two deliveries of one new event at once (a new subscription): one applies.
    const both = event(
      "customer.subscription.created",
      subscription({ id: `${subId}_2`, customer, status: "active", plan: "team" }),
    );
    const outcomes = (await Promise.all([deliver(both), deliver(both)])).map((r) => r.body.outcome).sort();
    expect(outcomes).toEqual(["applied", "duplicate"]);
  });

  it("ignores the end of a subscription the workspace has already replaced", async () => {
    const u = await makeUser("hook-replaced");
    const customer = `cus_repl_${u.workspaceId}`;
    await deliver(
      event(
        "customer.subscription.created",
        subscription({
          id: `sub_new_${u.workspaceId}`,
          customer,
          status: "active",
          plan: "team",
          workspaceId: u.workspaceId,
        }),
      ),
    );
    const old = await deliver(
      event(
        "customer.subscription.deleted",
        subscription({ id: `sub_old_${u.workspaceId}`, customer, status: "canceled", plan: "pro" }),
      ),
    );
    expect(old.body.outcome).toBe("ignored");
    expect((await workspaceState(u.workspaceId)).plan).toBe("team");
  });

  it("keeps the newer state when Stripe delivers created after updated", async () => {
    const u = await makeUser("hook-order");
    const customer = `cus_order_${u.workspaceId}`;
    const subId = `sub_order_${u.workspaceId}`;
    await deliver(
      event(
        "customer.subscription.updated",
        subscription({ id: subId, customer, status: "active", plan: "team", workspaceId: u.workspaceId }),
      ),
    );
    const late = await deliver(
      event(
        "customer.subscription.created",
        subscription({ id: subId, customer, status: "incomplete", plan: "team", workspaceId: u.workspaceId }),
      ),
    );
    expect(late.body.outcome).toBe("ignored");
    const state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("team");
    expect(state.sub?.status).toBe("active");
  });

  it("applies events in order: an older event cannot bring a deleted subscription back", async () => {
    const u = await makeUser("hook-stale");
    const customer = `cus_stale_${u.workspaceId}`;
    const subId = `sub_stale_${u.workspaceId}`;
    const t = Math.floor(Date.now() / 1000);
    const sub = (status: string) =>
      subscription({ id: subId, customer, status, plan: "pro", workspaceId: u.workspaceId });
    await deliver(event("customer.subscription.created", sub("active"), undefined, t - 30));
    await deliver(event("customer.subscription.deleted", sub("canceled"), undefined, t - 10));
    stripe.subscriptions.set(subId, sub("canceled"));

    // Sent before the deletion, delivered after it (a new event id, so not a replay).
    const late = await deliver(event("customer.subscription.updated", sub("active"), undefined, t - 20));
    expect(late.body.outcome).toBe("ignored");
    const lateFailure = await deliver(
      event(
        "invoice.payment_failed",
        {
          id: `in_stale_${u.workspaceId}`,
          object: "invoice",
          customer,
          metadata: {},
          parent: { type: "subscription_details", subscription_details: { subscription: subId, metadata: {} } },
        },
        undefined,
        t - 20,
      ),
    );
    expect(lateFailure.body.outcome).toBe("ignored");
    const state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("free");
    expect(state.sub).toMatchObject({ stripeSubscriptionId: subId, status: "canceled" });
    expect(state.sub?.lastEventAt?.getTime()).toBe((t - 10) * 1000);
  });

  it("applies an older event as Stripe holds the subscription now", async () => {
    const u = await makeUser("hook-refetch");
    const customer = `cus_refetch_${u.workspaceId}`;
    const subId = `sub_refetch_${u.workspaceId}`;
    const t = Math.floor(Date.now() / 1000);
    const sub = (status: string, plan: "pro" | "team" = "pro") =>
      subscription({ id: subId, customer, status, plan, workspaceId: u.workspaceId });
    await deliver(event("customer.subscription.created", sub("active"), undefined, t - 30));
    await deliver(event("customer.subscription.updated", sub("unpaid"), undefined, t - 10));
    expect((await workspaceState(u.workspaceId)).plan).toBe("free");

    // A late "active" from before the payment gave up: Stripe still says unpaid.
    stripe.subscriptions.set(subId, sub("unpaid"));
    await deliver(event("customer.subscription.updated", sub("active"), undefined, t - 20));
    let state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("free");
    expect(state.sub?.status).toBe("unpaid");
    const fetched = stripe.requests.filter((r) => r.method === "GET" && r.path === `/v1/subscriptions/${subId}`);
    expect(fetched).toHaveLength(1);

    // Meanwhile the customer paid and moved to Team: the late event applies Stripe's current state.
    stripe.subscriptions.set(subId, sub("active", "team"));
    await deliver(event("customer.subscription.updated", sub("past_due"), undefined, t - 15));
    state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("team");
    expect(state.sub).toMatchObject({ status: "active", plan: "team" });
    expect(state.sub?.lastEventAt?.getTime()).toBe((t - 10) * 1000);
  });

  it("applies a new subscription whose creation arrives after the old one's end", async () => {
    const u = await makeUser("hook-successor");
    const customer = `cus_succ_${u.workspaceId}`;
    const t = Math.floor(Date.now() / 1000);
    const sub = (id: string, status: string) =>
      subscription({ id, customer, status, plan: "pro", workspaceId: u.workspaceId });
    const oldId = `sub_first_${u.workspaceId}`;
    const newId = `sub_second_${u.workspaceId}`;
    await deliver(event("customer.subscription.created", sub(oldId, "active"), undefined, t - 30));
    await deliver(event("customer.subscription.deleted", sub(oldId, "canceled"), undefined, t - 10));
    stripe.subscriptions.set(newId, sub(newId, "active"));
    const late = await deliver(event("customer.subscription.created", sub(newId, "active"), undefined, t - 20));
    expect(late.body.outcome).toBe("applied");
    const state = await workspaceState(u.workspaceId);
    expect(state.plan).toBe("pro");
    expect(state.sub).toMatchObject({ stripeSubscriptionId: newId, status: "active" });
  });

  it("accepts events for unknown customers without changing any workspace", async () => {
    const u = await makeUser("hook-unknown");
    await setPlan(u.workspaceId, "free", `cus_known_${u.workspaceId}`);
    const res = await deliver(
      event(
        "customer.subscription.created",
        subscription({ id: `sub_x_${u.workspaceId}`, customer: "cus_nobody", status: "active", plan: "pro" }),
      ),
    );
    expect(res.body.outcome).toBe("unknown_workspace");
    expect((await workspaceState(u.workspaceId)).plan).toBe("free");
  });
});
