import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as hook } from "@/app/api/hooks/[hookId]/route";
import { GET as getType } from "@/app/api/v1/event-types/[id]/route";
import { DELETE as disableHook, POST as rotateHook } from "@/app/api/v1/event-types/[id]/webhook/route";
import { db } from "@/lib/db/client";
import { WEBHOOK_ID_RETENTION_MS } from "@/lib/events/claim-webhook-delivery";
import { MAX_HOOK_BODY_BYTES } from "@/lib/events/receive-webhook";
import { webhookSecretSchema } from "@/lib/events/schemas";
import { signLegacyWebhookBody } from "@/lib/events/webhook-secret";
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

/** A hook as it was before Standard Webhooks: what the migration leaves every existing hook as. */
async function legacyHook(u: TestUser, id: string) {
  const made = await rotate(u, id);
  await db.eventType.update({ where: { id }, data: { webhookScheme: "legacy" } });
  return made;
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

/** Standard Webhooks headers, signed by the `standardwebhooks` library as a sender would. */
function signed(secret: string, body: string, { id = `msg_${randomUUID()}`, at = new Date() } = {}) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

const counts = async (u: TestUser) => ({
  events: await db.event.count({ where: { workspaceId: u.workspaceId } }),
  runs: await db.run.count({ where: { workspaceId: u.workspaceId } }),
});

describe("incoming webhooks", () => {
  it("creates a hook whose URL does not reveal the type id; the whsec_ secret is shown once and stored encrypted", async () => {
    const { url, secret, eventType } = await rotate(user, typeId);
    expect(url).toMatch(/\/api\/hooks\/hk_[A-Za-z0-9_-]+$/);
    expect(url).not.toContain(typeId);
    // whsec_ and the base64 of a 32-byte key, as Standard Webhooks libraries read it.
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(eventType.webhook).toEqual({ enabled: true, url, scheme: "standard" });
    const stored = await db.eventType.findUnique({ where: { id: typeId } });
    expect(stored?.webhookSecret).toBeTruthy();
    expect(stored?.webhookSecret).not.toContain(secret.slice("whsec_".length));
    const read = await call(getType, apiRequest("GET", `/api/v1/event-types/${typeId}`, { token: user.token }), {
      id: typeId,
    });
    expect(JSON.stringify(read.body)).not.toContain(secret.slice("whsec_".length));
  });

  it("accepts a delivery signed by standardwebhooks' Webhook.sign and emits with source webhook", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "CPU", level: 2 });
    const res = await deliver(url, body, signed(secret, body));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.event).toMatchObject({ name: "Alert", source: "webhook", data: { title: "CPU", level: 2 } });
    expect(res.body.runs).toHaveLength(1);
    // Several signatures, space separated (a sender mid-rotation): one matching is enough.
    const again = JSON.stringify({ title: "CPU", level: 3 });
    const headers = signed(secret, again);
    headers["webhook-signature"] = `v1,${Buffer.alloc(32).toString("base64")} ${headers["webhook-signature"]}`;
    expect((await deliver(url, again, headers)).status).toBe(202);
  });

  it("refuses a timestamp more than 5 minutes off with 401 saying why", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Old", level: 1 });
    const before = await counts(user);
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const res = await deliver(url, body, signed(secret, body, { at: new Date(Date.now() + offset) }));
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
      expect(res.body.error.message).toMatch(/webhook-timestamp is \d+ seconds from the server.s clock/);
      expect(res.body.error.message).toContain("more than 5 minutes");
    }
    const garbled = { ...signed(secret, body), "webhook-timestamp": "yesterday" };
    const res = await deliver(url, body, garbled);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("seconds since the Unix epoch");
    expect(await counts(user)).toEqual(before);
  });

  it("refuses a tampered body, a signature under another secret, a changed id and missing headers with 401", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Mem", level: 3 });
    const other = "whsec_" + Buffer.alloc(32, 7).toString("base64");
    const before = await counts(user);
    const good = signed(secret, body);
    const attempts = [
      await deliver(url, JSON.stringify({ title: "Mem", level: 4 }), good),
      await deliver(url, `${body} `, good),
      await deliver(url, body, signed(other, body)),
      await deliver(url, body, { ...good, "webhook-id": `${good["webhook-id"]}x` }),
      await deliver(url, body, { ...good, "webhook-timestamp": String(Number(good["webhook-timestamp"]) - 1) }),
      await deliver(url, body, { ...good, "webhook-signature": good["webhook-signature"].replace("v1,", "v2,") }),
    ];
    for (const res of attempts) {
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
      expect(res.body.error.message).toContain("webhook-signature does not match");
    }
    const unsigned = await deliver(url, body);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.message).toContain("webhook-id, webhook-timestamp, webhook-signature are missing");
    const { "webhook-timestamp": _dropped, ...noTime } = good;
    const missing = await deliver(url, body, noTime);
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toContain("webhook-timestamp is missing");
    expect(await counts(user)).toEqual(before);
  });

  it("answers a repeated webhook-id with 200 and the first event, and starts nothing new", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Once", level: 1 });
    const headers = signed(secret, body);
    const first = await deliver(url, body, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body.runs).toHaveLength(1);
    const after = await counts(user);

    // The captured delivery, replayed as it was, and re-signed a moment later under the same id.
    const replay = await deliver(url, body, headers);
    const resigned = await deliver(url, body, signed(secret, body, { id: headers["webhook-id"] }));
    for (const res of [replay, resigned]) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.event.id).toBe(first.body.event.id);
      expect(res.body.runs.map((r: { id: string }) => r.id)).toEqual(first.body.runs.map((r: { id: string }) => r.id));
    }
    expect(await counts(user)).toEqual(after);

    // Another id is another delivery.
    const next = await deliver(url, body, signed(secret, body));
    expect(next.status).toBe(202);
    expect(next.body.event.id).not.toBe(first.body.event.id);
  });

  it("concurrent deliveries of one webhook-id store one event and start one run", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Race", level: 5 });
    const headers = signed(secret, body);
    const before = await counts(user);
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(url, body, headers)));
    for (const res of answers) expect([200, 202], JSON.stringify(res.body)).toContain(res.status);
    expect(answers.filter((res) => res.status === 202)).toHaveLength(1);
    expect(new Set(answers.map((res) => res.body.event.id)).size).toBe(1);
    expect(await counts(user)).toEqual({ events: before.events + 1, runs: before.runs + 1 });
    expect(await db.webhookDelivery.count({ where: { eventTypeId: typeId, messageId: headers["webhook-id"] } })).toBe(
      1,
    );
  });

  it("a webhook-id is per hook: another workspace's hook takes the same id as its own delivery", async () => {
    const other = await makeUser("hooks-other");
    const otherType = (await makeEventType(other, "Alert", { title: "str", level: "int" })).id;
    const mine = await rotate(user, typeId);
    const theirs = await rotate(other, otherType);
    const body = JSON.stringify({ title: "Shared id", level: 1 });
    const id = `msg_${randomUUID()}`;
    const a = await deliver(mine.url, body, signed(mine.secret, body, { id }));
    const b = await deliver(theirs.url, body, signed(theirs.secret, body, { id }));
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body.event.id).not.toBe(a.body.event.id);
    expect(await db.event.count({ where: { workspaceId: other.workspaceId } })).toBe(1);
  });

  it("forgets webhook-ids after the retention, keeping the table bounded", async () => {
    const { url, secret } = await rotate(user, typeId);
    const old = await db.webhookDelivery.create({
      data: {
        workspaceId: user.workspaceId,
        eventTypeId: typeId,
        messageId: "msg_long_ago",
        createdAt: new Date(Date.now() - WEBHOOK_ID_RETENTION_MS - 60_000),
      },
    });
    const recent = await db.webhookDelivery.create({
      data: { workspaceId: user.workspaceId, eventTypeId: typeId, messageId: "msg_recent" },
    });
    const body = JSON.stringify({ title: "Prune", level: 1 });
    expect((await deliver(url, body, signed(secret, body))).status).toBe(202);
    expect(await db.webhookDelivery.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.webhookDelivery.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });

  it("a Standard Webhooks hook refuses ?secret= and X-LoopLlama-Signature", async () => {
    const { url, secret } = await rotate(user, typeId);
    const body = JSON.stringify({ title: "Old way", level: 1 });
    const before = await counts(user);
    const bySecret = await deliver(`${url}?secret=${encodeURIComponent(secret)}`, body);
    const bySignature = await deliver(url, body, { "x-loopllama-signature": signLegacyWebhookBody(secret, body) });
    // Even beside a good signature: the secret does not belong in a URL.
    const both = await deliver(`${url}?secret=${encodeURIComponent(secret)}`, body, signed(secret, body));
    for (const res of [bySecret, bySignature, both]) {
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.body.error.message).toContain("Standard Webhooks signatures only");
    }
    expect(await counts(user)).toEqual(before);
  });

  it("a legacy hook still takes ?secret= and X-LoopLlama-Signature, and rotating moves it to Standard Webhooks", async () => {
    const { url, secret } = await legacyHook(user, typeId);
    const read = await call(getType, apiRequest("GET", `/api/v1/event-types/${typeId}`, { token: user.token }), {
      id: typeId,
    });
    expect(read.body.webhook).toEqual({ enabled: true, url, scheme: "legacy" });

    const body = JSON.stringify({ title: "Legacy", level: 2 });
    const bySecret = await deliver(`${url}?secret=${encodeURIComponent(secret)}`, body);
    expect(bySecret.status, JSON.stringify(bySecret.body)).toBe(202);
    expect(bySecret.body.event).toMatchObject({ source: "webhook", data: { title: "Legacy", level: 2 } });
    const bySignature = await deliver(url, body, { "x-loopllama-signature": signLegacyWebhookBody(secret, body) });
    expect(bySignature.status).toBe(202);
    const wrong = await deliver(`${url}?secret=wrong`, body);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain("rotate it");

    const fresh = await rotate(user, typeId);
    expect(fresh.eventType.webhook.scheme).toBe("standard");
    expect((await deliver(`${fresh.url}?secret=${encodeURIComponent(fresh.secret)}`, body)).status).toBe(401);
    expect((await deliver(fresh.url, body, signed(fresh.secret, body))).status).toBe(202);
  });

  it("a legacy hook refuses a bad secret, a bad signature, a signature of another body and none at all with 401", async () => {
    const { url, secret } = await legacyHook(user, typeId);
    const body = JSON.stringify({ title: "Mem", level: 3 });
    const before = await counts(user);
    const attempts = [
      await deliver(`${url}?secret=wrong`, body),
      await deliver(`${url}?secret=${encodeURIComponent(secret)}x`, body),
      await deliver(url, body, { "x-loopllama-signature": "sha256=" + "0".repeat(64) }),
      await deliver(url, body, { "x-loopllama-signature": signLegacyWebhookBody(secret, body + " ") }),
      await deliver(url, body, { "x-loopllama-signature": signLegacyWebhookBody("whsec_other", body) }),
      await deliver(url, body),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    expect(await counts(user)).toEqual(before);
  });

  it("validates the body as the event's data, naming the field, and caps its size", async () => {
    const { url, secret } = await rotate(user, typeId);
    const send = (body: string) => deliver(url, body, signed(secret, body));
    const bad = await send(JSON.stringify({ title: "x", level: "high" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("data.level");
    const notObject = await send("[1]");
    expect(notObject.status).toBe(400);
    const big = await send(JSON.stringify({ title: "x".repeat(MAX_HOOK_BODY_BYTES), level: 1 }));
    expect(big.status).toBe(413);
    const longId = JSON.stringify({ title: "x", level: 1 });
    const res = await deliver(url, longId, signed(secret, longId, { id: "m".repeat(201) }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("webhook-id");
  });

  it("rotation retires the old URL; disabling answers 404; unknown hooks are 404", async () => {
    const old = await rotate(user, typeId);
    const fresh = await rotate(user, typeId);
    const body = JSON.stringify({ title: "x", level: 1 });
    expect((await deliver(old.url, body, signed(old.secret, body))).status).toBe(404);
    expect((await deliver(fresh.url, body, signed(old.secret, body))).status).toBe(401);
    expect((await deliver(fresh.url, body, signed(fresh.secret, body))).status).toBe(202);

    const off = await call(
      disableHook,
      apiRequest("DELETE", `/api/v1/event-types/${typeId}/webhook`, { token: user.token }),
      { id: typeId },
    );
    expect(off.status).toBe(200);
    expect(off.body.webhook).toEqual({ enabled: false });
    expect((await deliver(fresh.url, body, signed(fresh.secret, body))).status).toBe(404);
    expect((await deliver("http://localhost/api/hooks/hk_unknown", body, signed(fresh.secret, body))).status).toBe(404);
    // The type's own id is not a hook id.
    expect((await deliver(`http://localhost/api/hooks/${typeId}`, body, signed(fresh.secret, body))).status).toBe(404);
  });

  it("another workspace's event type is 404 to create, rotate or disable its webhook", async () => {
    const stranger = await makeUser("hooks-stranger");
    const path = `/api/v1/event-types/${typeId}/webhook`;
    const before = await db.eventType.findUnique({ where: { id: typeId } });
    const rotated = await call(rotateHook, apiRequest("POST", path, { token: stranger.token }), { id: typeId });
    const disabled = await call(disableHook, apiRequest("DELETE", path, { token: stranger.token }), { id: typeId });
    expect([rotated.status, disabled.status]).toEqual([404, 404]);
    const after = await db.eventType.findUnique({ where: { id: typeId } });
    expect(after?.webhookId).toBe(before?.webhookId);
    expect(after?.webhookScheme).toBe(before?.webhookScheme);
  });

  it("a legacy delivery retried with the same Idempotency-Key stores one event", async () => {
    const { url, secret } = await legacyHook(user, typeId);
    const body = JSON.stringify({ title: "Retry", level: 1 });
    const q = `${url}?secret=${encodeURIComponent(secret)}`;
    const first = await deliver(q, body, { "idempotency-key": "delivery-1" });
    const second = await deliver(q, body, { "idempotency-key": "delivery-1" });
    expect(second.status, JSON.stringify([first.body, second.body])).toBe(202);
    expect(second.body.event.id).toBe(first.body.event.id);
  });
});
