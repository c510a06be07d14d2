import Stripe from "stripe";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POST as authRoute } from "@/app/api/auth/[...nextauth]/route";
import { POST as signupRoute } from "@/app/api/signup/route";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { cappedRequest } from "@/lib/http/capped-request";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/api/handler";
import { MAX_WEBHOOK_BYTES } from "@/lib/billing/handle-stripe-webhook";
import { resetStripeEnv } from "@/lib/billing/stripe-env";
import { resetEnv } from "@/lib/env";
import { call, fromClient, makeUser } from "../support/factory";
import { clearStripeEnv, TEST_WEBHOOK_SECRET } from "../support/billing";

const CHUNK = 16 * 1024;

/**
 * A chunked body (no Content-Length) that produces chunks only when read, up
 * to `totalBytes`: how far it was read shows whether the server stopped at its
 * cap or buffered everything first.
 */
function streamedBody(prefix: string, totalBytes: number) {
  const state = { sent: 0, cancelled: false };
  let first = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.sent >= totalBytes) return controller.close();
        // JSON whitespace after an opening prefix: still unfinished JSON when cut.
        const chunk = first ? Buffer.from(prefix.padEnd(CHUNK, " ")) : Buffer.alloc(CHUNK, 0x20);
        first = false;
        state.sent += chunk.byteLength;
        controller.enqueue(new Uint8Array(chunk));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** Exactly these bytes, streamed in a few chunks without a Content-Length. */
function exactStream(text: string): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  const third = Math.ceil(bytes.byteLength / 3);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.byteLength; at += third)
        controller.enqueue(new Uint8Array(bytes.subarray(at, at + third)));
      controller.close();
    },
  });
}

function streamedRequest(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

afterAll(() => {
  clearStripeEnv();
  delete process.env.INNGEST_SIGNING_KEY;
  resetEnv();
});

describe("bodies are capped while they stream", () => {
  it(`a chunked body to an /api/v1 route is cut with 413 at ${DEFAULT_MAX_BODY_BYTES} bytes`, async () => {
    const u = await makeUser("stream-v1");
    const { stream, state } = streamedBody('{"name":"big","description":"', 16 * 1024 * 1024);
    const res = await call(
      createWorkflow,
      streamedRequest("http://localhost/api/v1/workflows", stream, { authorization: `Bearer ${u.token}` }),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(state.sent).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + 2 * CHUNK);
    expect(state.cancelled).toBe(true);
  });

  it("a body whose client goes away halfway is a 400, not an error of ours", async () => {
    const u = await makeUser("stream-aborted");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let sent = 0;
    // Like a connection closed mid-body: the first chunk arrives, then the stream fails.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new Uint8Array(Buffer.from('{"name":"cut')));
        else controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const res = await call(
      createWorkflow,
      streamedRequest("http://localhost/api/v1/workflows", stream, { authorization: `Bearer ${u.token}` }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: "(body)", message: "The connection closed while the body was being sent" },
    ]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("a chunked body under the cap is read whole", async () => {
    const u = await makeUser("stream-ok");
    const json = JSON.stringify({ name: "Streamed", crew: [{ role: "w", systemPrompt: "p" }] });
    const { stream } = streamedBody(json, 3 * CHUNK);
    const res = await call(
      createWorkflow,
      streamedRequest("http://localhost/api/v1/workflows", stream, { authorization: `Bearer ${u.token}` }),
    );
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("Streamed");
  });

  it("sign-up cuts a chunked body at its own, smaller cap", async () => {
    const { stream, state } = streamedBody('{"email":"a@example.test","password":"', 16 * 1024 * 1024);
    const res = await call(
      signupRoute,
      streamedRequest("http://localhost/api/signup", stream, fromClient("10.77.0.1")),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(state.sent).toBeLessThanOrEqual(16 * 1024 + 2 * CHUNK);
    expect(state.cancelled).toBe(true);
  });

  it(`the Stripe webhook cuts a chunked body at ${MAX_WEBHOOK_BYTES} bytes and verifies the streamed bytes`, async () => {
    process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
    resetStripeEnv();
    const { stream, state } = streamedBody('{"id":"evt_big","data":"', 64 * 1024 * 1024);
    const big = await call(
      webhook,
      streamedRequest("http://localhost/api/stripe/webhook", stream, { "stripe-signature": "t=1,v1=x" }),
    );
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    expect(state.sent).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES + 2 * CHUNK);
    expect(state.cancelled).toBe(true);

    // The signature is checked on exactly the bytes streamed: over other bytes it fails, over them it holds.
    const payload = JSON.stringify({ id: "evt_stream", object: "event", type: "test.unknown", data: { object: {} } });
    const signed = new Stripe("sk_test_x").webhooks.generateTestHeaderString({
      payload: `${payload} `,
      secret: TEST_WEBHOOK_SECRET,
    });
    const body = exactStream(payload);
    const forged = await call(
      webhook,
      streamedRequest("http://localhost/api/stripe/webhook", body, { "stripe-signature": signed }),
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("invalid_signature");

    const genuine = new Stripe("sk_test_x").webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET });
    const accepted = await call(
      webhook,
      streamedRequest("http://localhost/api/stripe/webhook", exactStream(payload), {
        "stripe-signature": genuine,
      }),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ received: true, outcome: "ignored" });

    const bytes = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const invalid = await call(
      webhook,
      new Request("http://localhost/api/stripe/webhook", {
        method: "POST",
        headers: { "stripe-signature": signed },
        body: new Uint8Array(bytes),
      }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].field).toBe("(body)");
  });

  it("next-auth's routes cut a chunked body at 16 kB, in the one error shape", async () => {
    const { stream, state } = streamedBody("csrfToken=", 16 * 1024 * 1024);
    const req = streamedRequest("http://localhost/api/auth/callback/credentials", stream, {
      "content-type": "application/x-www-form-urlencoded",
    });
    const res = await call(authRoute, req, { nextauth: ["callback", "credentials"] } as never);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(state.sent).toBeLessThanOrEqual(16 * 1024 + 2 * CHUNK);
    expect(state.cancelled).toBe(true);
  });

  it("/api/inngest cuts a chunked body at 4 MB and passes a smaller one on whole", async () => {
    const key = `signkey-test-${randomBytes(32).toString("hex")}`;
    process.env.INNGEST_SIGNING_KEY = key;
    resetEnv();
    vi.resetModules();
    const route = await import("@/app/api/inngest/route");
    const { canonicalJson, signatureHeader } = await import("@/lib/engine/signing");
    const url = "http://localhost/api/inngest?fnId=loopllama-sweep-runs&stepId=step";
    const { stream, state } = streamedBody('{"event":"', 64 * 1024 * 1024);
    const big = await route.POST(streamedRequest(url, stream), undefined);
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("payload_too_large");
    expect(state.sent).toBeLessThanOrEqual(4 * 1024 * 1024 + 2 * CHUNK);
    expect(state.cancelled).toBe(true);

    // A body under the cap reaches the SDK whole: it verifies the signature over it.
    const body = canonicalJson({
      event: { name: "engine/started", data: {} },
      steps: {},
      ctx: { run_id: "r" },
      version: 2,
    });
    const signedFor = (signed: string) => ({ "x-inngest-signature": signatureHeader(signed, key) });
    const forged = await route.POST(streamedRequest(url, exactStream(body), signedFor("{}")), undefined);
    expect(forged.status).toBe(401);
    const signed = await route.POST(streamedRequest(url, exactStream(body), signedFor(body)), undefined);
    expect(signed.status).not.toBe(401);
    expect(signed.status).toBeLessThan(500);
  });

  it("the capped copy keeps method, headers, URL and the exact body", async () => {
    const original = new Request("http://localhost/api/auth/callback/credentials?x=1", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "a=b" },
      body: "email=a%40example.test&password=%C3%A9",
    });
    const copy = await cappedRequest(original, 1024);
    expect(copy.method).toBe("POST");
    expect(copy.headers.get("cookie")).toBe("a=b");
    expect(copy.nextUrl.searchParams.get("x")).toBe("1");
    expect(await copy.text()).toBe("email=a%40example.test&password=%C3%A9");
  });
});
