import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import { DELETE as cancelCheckout, POST as checkout } from "@/app/api/v1/billing/checkout/route";
import { POST as portal } from "@/app/api/v1/billing/portal/route";
import { GET as overview } from "@/app/api/v1/billing/route";
import { db } from "@/lib/db/client";
import { clearStripeEnv, setPlan, TEST_PRICES, TEST_WEBHOOK_SECRET, useStripeServer } from "../support/billing";
import { addMember, apiRequest, call, makeUser } from "../support/factory";
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

/** Delivers a signed Stripe event to the webhook and returns its JSON answer. */
async function deliverEvent(type: string, object: unknown) {
  const payload = JSON.stringify({
    id: `evt_checkout_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  });
  const signature = new Stripe("sk_test_signing").webhooks.generateTestHeaderString({
    payload,
    secret: TEST_WEBHOOK_SECRET,
  });
  const res = await webhook(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      headers: { "stripe-signature": signature, "content-type": "application/json" },
      body: payload,
    }),
  );
  return res.json();
}

describe("Stripe Checkout", () => {
  it("creates a customer once, stores it on the workspace and subscribes to the base and metered prices", async () => {
    const owner = await makeUser("checkout");
    const first = await call(
      checkout,
      apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "pro" }),
    );
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    const ws = await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } });
    expect(ws.stripeCustomerId).toMatch(/^cus_test_/);
    const customers = stripe
      .requestsTo("/v1/customers")
      .filter((r) => r.body.metadata && (r.body.metadata as Record<string, string>).workspaceId === owner.workspaceId);
    expect(customers).toHaveLength(1);
    expect(customers[0]!.body.email).toBe(owner.email);

    const sessions = stripe
      .requestsTo("/v1/checkout/sessions")
      .filter((r) => r.body.client_reference_id === owner.workspaceId);
    expect(sessions).toHaveLength(1);
    const body = sessions[0]!.body;
    expect(body.mode).toBe("subscription");
    expect(body.customer).toBe(ws.stripeCustomerId);
    expect(body.line_items).toEqual([
      { price: TEST_PRICES.STRIPE_PRICE_PRO, quantity: "1" },
      { price: TEST_PRICES.STRIPE_PRICE_OVERAGE_PRO },
    ]);
    expect(body.metadata).toEqual({ workspaceId: owner.workspaceId, plan: "pro" });
    expect(body.subscription_data).toEqual({ metadata: { workspaceId: owner.workspaceId, plan: "pro" } });
    expect(body.success_url).toContain(`/w/${owner.slug}/billing?checkout=success`);
    expect(body.cancel_url).toContain(`/w/${owner.slug}/billing?checkout=cancelled`);

    // A second checkout while the first is open is refused; once Stripe reports the
    // first expired, a new one (Team this time) reuses the customer.
    const second = () =>
      call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "team" }));
    const refused = await second();
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ plan: "pro", expiresAt: expect.any(String) });
    const firstSession = await db.checkoutSession.findUniqueOrThrow({ where: { workspaceId: owner.workspaceId } });
    expect(first.body.url).toContain(firstSession.stripeSessionId);
    expect(Number(sessions[0]!.body.expires_at) * 1000).toBe(firstSession.expiresAt.getTime());
    const expired = await deliverEvent("checkout.session.expired", {
      id: firstSession.stripeSessionId,
      object: "checkout.session",
    });
    expect(expired).toEqual({ received: true, outcome: "applied" });
    expect((await second()).status).toBe(200);
    const all = stripe
      .requestsTo("/v1/checkout/sessions")
      .filter((r) => r.body.client_reference_id === owner.workspaceId);
    expect(all).toHaveLength(2);
    expect(all[1]!.body.customer).toBe(ws.stripeCustomerId);
    expect(all[1]!.body.line_items).toEqual([
      { price: TEST_PRICES.STRIPE_PRICE_TEAM, quantity: "1" },
      { price: TEST_PRICES.STRIPE_PRICE_OVERAGE_TEAM },
    ]);
    expect(
      stripe
        .requestsTo("/v1/customers")
        .filter((r) => (r.body.metadata as Record<string, string>)?.workspaceId === owner.workspaceId),
    ).toHaveLength(1);
  });

  it("lets exactly one of several Checkouts started at once through", async () => {
    const owner = await makeUser("checkout-race");
    const results = await Promise.all(
      ["pro", "team", "pro", "team", "pro"].map((plan) =>
        call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.error.code).toBe("conflict");
    const sessions = stripe
      .requestsTo("/v1/checkout/sessions")
      .filter((r) => r.body.client_reference_id === owner.workspaceId);
    expect(sessions).toHaveLength(1);
  });

  it("frees the slot when Stripe fails to create the session, and when the session has expired", async () => {
    const owner = await makeUser("checkout-free");
    const start = () =>
      call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "pro" }));
    stripe.failNext("/v1/checkout/sessions", 500);
    const failed = await start();
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe("payment_provider_error");
    expect(await db.checkoutSession.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
    expect((await start()).status).toBe(200);
    expect((await start()).status).toBe(409);

    // Past its expiry (no webhook needed), the slot is taken over.
    await db.checkoutSession.update({
      where: { workspaceId: owner.workspaceId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await start()).status).toBe(200);
  });

  it("does not take over an expired slot whose Checkout was paid before the webhook arrived", async () => {
    const owner = await makeUser("checkout-paid-late");
    const start = () =>
      call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "pro" }));
    expect((await start()).status).toBe(200);
    const first = await db.checkoutSession.findUniqueOrThrow({ where: { workspaceId: owner.workspaceId } });
    // Paid at Stripe just before it expired; no webhook yet, so no subscription row.
    stripe.sessions.get(first.stripeSessionId!)!.status = "complete";
    await db.checkoutSession.update({
      where: { workspaceId: owner.workspaceId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const sessionsBefore = stripe.requestsTo("/v1/checkout/sessions").filter((r) => r.method === "POST").length;
    const refused = await start();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/previous Checkout was paid/);
    expect(stripe.requestsTo("/v1/checkout/sessions").filter((r) => r.method === "POST")).toHaveLength(sessionsBefore);
    const slot = await db.checkoutSession.findUniqueOrThrow({ where: { workspaceId: owner.workspaceId } });
    expect(slot.stripeSessionId).toBe(first.stripeSessionId);

    // An expired slot whose session was never paid is taken over as before.
    stripe.sessions.get(first.stripeSessionId!)!.status = "expired";
    expect((await start()).status).toBe(200);
  });

  it("counts an incomplete subscription (first payment pending) as live", async () => {
    const owner = await makeUser("checkout-incomplete");
    await db.subscription.create({
      data: {
        workspaceId: owner.workspaceId,
        stripeSubscriptionId: `sub_incomplete_${owner.workspaceId}`,
        stripeCustomerId: `cus_incomplete_${owner.workspaceId}`,
        plan: "pro",
        status: "incomplete",
      },
    });
    const res = await call(
      checkout,
      apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "pro" }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/portal/);
  });

  it("abandons an open Checkout so another can start, but not one that has been paid", async () => {
    const owner = await makeUser("checkout-cancel");
    const start = (plan: string) =>
      call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan }));
    const cancel = () =>
      call(cancelCheckout, apiRequest("DELETE", "/api/v1/billing/checkout", { cookie: owner.cookie }));
    expect((await cancel()).status).toBe(204);

    expect((await start("pro")).status).toBe(200);
    const first = await db.checkoutSession.findUniqueOrThrow({ where: { workspaceId: owner.workspaceId } });
    expect((await cancel()).status).toBe(204);
    expect(stripe.sessions.get(first.stripeSessionId!)?.status).toBe("expired");
    expect(await db.checkoutSession.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);

    expect((await start("team")).status).toBe(200);
    const second = await db.checkoutSession.findUniqueOrThrow({ where: { workspaceId: owner.workspaceId } });
    stripe.sessions.get(second.stripeSessionId!)!.status = "complete";
    const paid = await cancel();
    expect(paid.status).toBe(409);
    expect(paid.body.error.message).toMatch(/paid/);
    expect((await start("pro")).status).toBe(409);

    // Another workspace's Checkout is not reachable.
    const other = await makeUser("checkout-cancel-other");
    const foreign = await call(
      cancelCheckout,
      apiRequest("DELETE", "/api/v1/billing/checkout", { cookie: other.cookie, workspace: owner.slug }),
    );
    expect(foreign.status).toBe(404);
    expect(await db.checkoutSession.count({ where: { workspaceId: owner.workspaceId } })).toBe(1);
  });

  it("validates the plan", async () => {
    const owner = await makeUser("checkout-bad");
    const res = await call(
      checkout,
      apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "free" }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("plan");
  });

  it("is refused while a subscription is live: plan changes go through the portal", async () => {
    const owner = await makeUser("checkout-live");
    await setPlan(owner.workspaceId, "pro", `cus_live_${owner.workspaceId}`);
    await db.subscription.create({
      data: {
        workspaceId: owner.workspaceId,
        stripeSubscriptionId: `sub_live_${owner.workspaceId}`,
        stripeCustomerId: `cus_live_${owner.workspaceId}`,
        plan: "pro",
        status: "active",
      },
    });
    const res = await call(
      checkout,
      apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "team" }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/portal/);
  });
});

describe("Stripe customer portal", () => {
  it("opens for the workspace's customer and returns to the billing page", async () => {
    const owner = await makeUser("portal");
    const none = await call(portal, apiRequest("POST", "/api/v1/billing/portal", { cookie: owner.cookie }));
    expect(none.status).toBe(409);

    await call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "pro" }));
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } });
    const res = await call(portal, apiRequest("POST", "/api/v1/billing/portal", { cookie: owner.cookie }));
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_test_/);
    const sent = stripe
      .requestsTo("/v1/billing_portal/sessions")
      .filter((r) => r.body.customer === ws.stripeCustomerId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.return_url).toMatch(new RegExp(`/w/${owner.slug}/billing$`));
  });
});

describe("billing access", () => {
  it("lets admins manage billing, shows members the usage but not the controls, and refuses tokens", async () => {
    const owner = await makeUser("acl-owner");
    const admin = await makeUser("acl-admin");
    const member = await makeUser("acl-member");
    await addMember(owner.workspaceId, admin.userId, "admin");
    await addMember(owner.workspaceId, member.userId, "member");
    const asMember = { cookie: member.cookie, workspace: owner.slug };
    const before = stripe.requests.length;

    expect(
      (await call(checkout, apiRequest("POST", "/api/v1/billing/checkout", asMember, { plan: "pro" }))).status,
    ).toBe(403);
    expect((await call(portal, apiRequest("POST", "/api/v1/billing/portal", asMember))).status).toBe(403);
    expect((await call(cancelCheckout, apiRequest("DELETE", "/api/v1/billing/checkout", asMember))).status).toBe(403);
    expect(
      (await call(checkout, apiRequest("POST", "/api/v1/billing/checkout", { token: owner.token }, { plan: "pro" })))
        .status,
    ).toBe(403);
    expect(stripe.requests.length).toBe(before);

    const seen = await call(overview, apiRequest("GET", "/api/v1/billing", asMember));
    expect(seen.status).toBe(200);
    expect(seen.body.canManage).toBe(false);
    expect(seen.body.usage.monthToDateSteps).toBe(0);

    const asAdmin = await call(
      checkout,
      apiRequest("POST", "/api/v1/billing/checkout", { cookie: admin.cookie, workspace: owner.slug }, { plan: "pro" }),
    );
    expect(asAdmin.status).toBe(200);
  });

  it("answers 401 without auth and 404 for another workspace", async () => {
    const owner = await makeUser("acl-a");
    const other = await makeUser("acl-b");
    for (const [handler, path, body] of [
      [checkout, "/api/v1/billing/checkout", { plan: "pro" }],
      [portal, "/api/v1/billing/portal", undefined],
    ] as const) {
      expect((await call(handler, apiRequest("POST", path, null, body))).status).toBe(401);
      expect(
        (await call(handler, apiRequest("POST", path, { cookie: owner.cookie, workspace: other.slug }, body))).status,
      ).toBe(404);
    }
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: other.workspaceId } });
    expect(ws.stripeCustomerId).toBeNull();
  });

  it("says billing is not configured when Stripe keys are missing", async () => {
    clearStripeEnv();
    try {
      const owner = await makeUser("unconfigured");
      const res = await call(
        checkout,
        apiRequest("POST", "/api/v1/billing/checkout", { cookie: owner.cookie }, { plan: "pro" }),
      );
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("billing_not_configured");
      const seen = await call(overview, apiRequest("GET", "/api/v1/billing", { cookie: owner.cookie }));
      expect(seen.body.configured).toBe(false);
      expect(seen.body.canManage).toBe(true);
    } finally {
      useStripeServer(stripe);
    }
  });
});
