import { beforeAll, describe, expect, it } from "vitest";
import { POST as hook } from "@/app/api/hooks/[hookId]/route";
import { GET as getType } from "@/app/api/v1/event-types/[id]/route";
import { DELETE as disableHook, POST as rotateHook } from "@/app/api/v1/event-types/[id]/webhook/route";
import { db } from "@/lib/db/client";
import { MAX_HOOK_BODY_BYTES } from "@/lib/events/receive-webhook";
import { webhookSecretSchema } from "@/lib/events/schemas";
import { signWebhookBody } from "@/lib/events/webhook-secret";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createWorkflowOk, makeEventType, onEvent } from "./helpers";

let user: TestUser;
let typeId: string;

beforeAll(async () => {
  user = await makeUser("hooks");
  typeId = (await makeEventType(user, "Alert", { title: "str", level: "int" })).id;
  await createWorkflowOk(user, onEvent("On alert", "Alert"));
});

async function rotate(u: TestUser, id: string) {
  const res = await call(rotateHook, apiRequest("POST", `/api/v1/event-types/${id}/webhook`, { token: u.token }), {
    id,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return webhookSecretSchema.parse(res.body);
}

function deliver(url: string, body: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  const hookId = u.pathname.split("/").pop()!;
  const req = new Request(`http://localhost${u.pathname}${u.search}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return call(hook, req, { hookId });
}

describe("incoming webhooks", () => {
  it("creates a hook whose URL does not reveal the type id; the secret is shown once and stored encrypted", async () => {
    const { url, secret, eventType } = await rotate(user, typeId);
    expect(url).toMatch(/\/api\/hooks\/hk_[A-Za-z0-9_-]+$/);
    expect(url).not.toContain(typeId);
    expect(eventType.webhook).toEqual({ enabled: true, url });
    const stored = await db.eventType.findUnique({ where: { id: typeId } });
    expect(stored?.webhookSecret).toBeTruthy();
    expect(stored?.webhookSecret).not.toContain(secret);
    const read = await call(getType, apiRequest("GET", `/api/v1/event-types/${typeId}`, { token: user.token }), {
      id: typeId,
    });
    expect(JSON.stringify(read.body)).not.toContain(secret);
  });

  it("accepts the secret in the URL and emits with source webhook", async () => {
    const { url, secret } = await rotate(user, typeId);
    const res = await deliver(
      `${url}?secret=${encodeURIComponent(secret)}`,
      JSON.stringify({ title: "CPU", level: 2 }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.event).toMatchObject({ name: "Alert", source: "webhook", data: { title: "CPU", level: 2 } });
    expect(res.body.runs).toHaveLength(1);
  });

  it("accepts an HMAC-SHA256 signature over the raw body", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Disk", level: 1 });
    const res = await deliver(url, body, { "x-loopllama-signature": signWebhookBody(secret, body) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.event.data).toEqual({ title: "Disk", level: 1 });
  });

  it("refuses a bad secret, a bad signature, a signature of another body and none at all with 401", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Mem", level: 3 });
    const before = await db.event.count({ where: { workspaceId: user.workspaceId } });
    const attempts = [
      await deliver(`${url}?secret=wrong`, body),
      await deliver(`${url}?secret=${secret}x`, body),
      await deliver(url, body, { "x-loopllama-signature": "sha256=" + "0".repeat(64) }),
      await deliver(url, body, { "x-loopllama-signature": signWebhookBody(secret, body + " ") }),
      await deliver(url, body, { "x-loopllama-signature": signWebhookBody("whsec_other", body) }),
      await deliver(url, body),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    expect(await db.event.count({ where: { workspaceId: user.workspaceId } })).toBe(before);
  });

  it("validates the body as the event's data, naming the field, and caps its size", async () => {
    const { url, secret } = await rotate(user, typeId);
    const q = `${url}?secret=${secret}`;
    const bad = await deliver(q, JSON.stringify({ title: "x", level: "high" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("data.level");
    const notObject = await deliver(q, "[1]");
    expect(notObject.status).toBe(400);
    const big = await deliver(q, JSON.stringify({ title: "x".repeat(MAX_HOOK_BODY_BYTES), level: 1 }));
    expect(big.status).toBe(413);
  });

  it("rotation retires the old URL; disabling answers 404; unknown hooks are 404", async () => {
    const old = await rotate(user, typeId);
    const fresh = await rotate(user, typeId);
    const body = JSON.stringify({ title: "x", level: 1 });
    expect((await deliver(`${old.url}?secret=${old.secret}`, body)).status).toBe(404);
    expect((await deliver(`${fresh.url}?secret=${old.secret}`, body)).status).toBe(401);
    expect((await deliver(`${fresh.url}?secret=${fresh.secret}`, body)).status).toBe(202);

    const off = await call(
      disableHook,
      apiRequest("DELETE", `/api/v1/event-types/${typeId}/webhook`, { token: user.token }),
      { id: typeId },
    );
    expect(off.status).toBe(200);
    expect(off.body.webhook).toEqual({ enabled: false });
    expect((await deliver(`${fresh.url}?secret=${fresh.secret}`, body)).status).toBe(404);
    expect((await deliver("http://localhost/api/hooks/hk_unknown?secret=x", body)).status).toBe(404);
    // The type's own id is not a hook id.
    expect((await deliver(`http://localhost/api/hooks/${typeId}?secret=${fresh.secret}`, body)).status).toBe(404);
  });

  it("a delivery retried with the same Idempotency-Key stores one event", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Retry", level: 1 });
    const first = await deliver(`${url}?secret=${secret}`, body, { "idempotency-key": "delivery-1" });
    const second = await deliver(`${url}?secret=${secret}`, body, { "idempotency-key": "delivery-1" });
    expect(second.status, JSON.stringify([first.body, second.body])).toBe(202);
    expect(second.body.event.id).toBe(first.body.event.id);
  });
});
