import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as redeliver } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/[deliveryId]/redeliver/route";
import { GET as listDeliveries } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import { POST as rotate } from "@/app/api/v1/webhook-endpoints/[id]/rotate/route";
import { DELETE as remove, GET as getOne, PATCH as update } from "@/app/api/v1/webhook-endpoints/[id]/route";
import { POST as sendTest } from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import { GET as list, POST as create } from "@/app/api/v1/webhook-endpoints/route";
import { PATCH as renameType } from "@/app/api/v1/event-types/[id]/route";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE, MAX_WEBHOOK_EVENTS_PER_ENDPOINT } from "@/lib/webhooks/schemas";
import { makeEventType } from "../events/helpers";
import { addMember, apiRequest, call, makeUser, type TestUser } from "../support/factory";

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnv();
}
beforeEach(() => withEnv({ ALLOW_PRIVATE_ENDPOINTS: "1" }));
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

const URL_OK = "http://127.0.0.1:9/hooks";
const base = "/api/v1/webhook-endpoints";

async function createEndpoint(user: TestUser, body: unknown = { url: URL_OK, events: ["run.completed"] }) {
  return call(create, apiRequest("POST", base, { cookie: user.cookie }, body));
}

describe("webhook endpoints", () => {
  it("creates an endpoint with a whsec_ secret shown once, lists, updates, rotates and deletes it", async () => {
    const owner = await makeUser("wh-owner");
    const auth = { cookie: owner.cookie };
    const created = await createEndpoint(owner, {
      url: URL_OK,
      events: ["run.completed", "step.failed"],
      description: "CI",
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body).toMatchObject({ url: URL_OK, events: ["run.completed", "step.failed"], disabled: false });
    const id = created.body.id as string;
    // Stored encrypted, never as given.
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.secret).not.toContain(created.body.secret.slice(6));

    const listed = await call(list, apiRequest("GET", base, auth));
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).not.toHaveProperty("secret");
    expect((await call(getOne, apiRequest("GET", `${base}/${id}`, auth), { id })).body.id).toBe(id);

    const patched = await call(
      update,
      apiRequest("PATCH", `${base}/${id}`, auth, { events: ["run.failed"], disabled: true }),
      { id },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ["run.failed"], disabled: true });

    const rotated = await call(rotate, apiRequest("POST", `${base}/${id}/rotate`, auth), { id });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.previousSecretUntil).not.toBeNull();

    const removed = await call(remove, apiRequest("DELETE", `${base}/${id}`, auth), { id });
    expect(removed.status).toBe(200);
    expect((await call(getOne, apiRequest("GET", `${base}/${id}`, auth), { id })).status).toBe(404);
  });

  it("refuses bad bodies naming the field, private addresses unless allowed, and more than the limit", async () => {
    const owner = await makeUser("wh-bad");
    const badEvent = await createEndpoint(owner, { url: URL_OK, events: ["run.exploded"] });
    expect(badEvent.status).toBe(400);
    expect(JSON.stringify(badEvent.body.error)).toContain("events");
    const noEvents = await createEndpoint(owner, { url: URL_OK, events: [] });
    expect(noEvents.status).toBe(400);
    const badUrl = await createEndpoint(owner, { url: "ftp://example.com", events: ["run.failed"] });
    expect(badUrl.status).toBe(400);
    expect(JSON.stringify(badUrl.body.error)).toContain("url");

    withEnv({ ALLOW_PRIVATE_ENDPOINTS: "0", ALLOW_PRIVATE_MODEL_ENDPOINTS: "0" });
    const loopback = await createEndpoint(owner);
    expect(loopback.status).toBe(400);
    expect(loopback.body.error.message).toMatch(/private, loopback.*ALLOW_PRIVATE_ENDPOINTS=1/);
    const metadata = await createEndpoint(owner, { url: "http://169.254.169.254/latest", events: ["run.failed"] });
    expect(metadata.status).toBe(400);
    // The older switch still allows them.
    withEnv({ ALLOW_PRIVATE_MODEL_ENDPOINTS: "1" });
    expect((await createEndpoint(owner)).status).toBe(201);

    withEnv({ ALLOW_PRIVATE_ENDPOINTS: "1" });
    for (let i = 1; i < MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE; i++)
      expect((await createEndpoint(owner)).status).toBe(201);
    const over = await createEndpoint(owner);
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe("limit_reached");
  });

  it("subscribes to the workspace's own bus events as event.<name>, only to types the workspace has", async () => {
    const owner = await makeUser("wh-bus");
    const other = await makeUser("wh-bus-other");
    await makeEventType(owner, "OrderPlaced", { total: "int" });
    await makeEventType(other, "Shipped", { carrier: "str" });

    const made = await createEndpoint(owner, { url: URL_OK, events: ["run.failed", "event.OrderPlaced"] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.events).toEqual(["run.failed", "event.OrderPlaced"]);
    const id = made.body.id as string;

    // A type of another workspace is as unknown as one nobody made; the error names the entry.
    for (const events of [
      ["run.failed", "event.Shipped"],
      ["run.failed", "event.NoSuchThing"],
    ]) {
      const refused = await createEndpoint(owner, { url: URL_OK, events });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([
        { field: "events.1", message: expect.stringMatching(/no event type/) },
      ]);
      expect(refused.body.error.message).toMatch(/^Invalid events\.1: The workspace has no event type/);
    }
    const patched = await call(
      update,
      apiRequest("PATCH", `${base}/${id}`, { cookie: owner.cookie }, { events: ["event.Shipped"] }),
      { id },
    );
    expect(patched.status).toBe(400);
    expect(patched.body.error.details[0].field).toBe("events.0");
    // Not a name an event type could have: refused by the schema, naming the entry.
    const malformed = await createEndpoint(owner, { url: URL_OK, events: ["event.", "event.9lives"] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe("events.0");

    // Renaming the type renames it in the endpoints that listen for it.
    const typeId = (await db.eventType.findFirstOrThrow({ where: { workspaceId: owner.workspaceId } })).id;
    const renamed = await call(
      renameType,
      apiRequest("PATCH", `/api/v1/event-types/${typeId}`, { token: owner.token }, { name: "OrderCreated" }),
      { id: typeId },
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(
      (await call(getOne, apiRequest("GET", `${base}/${id}`, { cookie: owner.cookie }), { id })).body.events,
    ).toEqual(["run.failed", "event.OrderCreated"]);

    // At most MAX_WEBHOOK_EVENTS_PER_ENDPOINT entries.
    const many = Array.from({ length: MAX_WEBHOOK_EVENTS_PER_ENDPOINT + 1 }, (_, i) => `event.T${i}`);
    const tooMany = await createEndpoint(owner, { url: URL_OK, events: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/events: List at most 50/);
  });

  it("is for owners and admins: a member is refused", async () => {
    const owner = await makeUser("wh-own2");
    const member = await makeUser("wh-member");
    await addMember(owner.workspaceId, member.userId, "member");
    const auth = { cookie: member.cookie, workspace: owner.slug };
    expect((await call(list, apiRequest("GET", base, auth))).status).toBe(403);
    expect((await call(create, apiRequest("POST", base, auth, { url: URL_OK, events: ["run.failed"] }))).status).toBe(
      403,
    );
  });

  it("answers 404 on every route for another workspace's endpoint and delivery", async () => {
    const owner = await makeUser("wh-a");
    const other = await makeUser("wh-b");
    const id = (await createEndpoint(owner)).body.id as string;
    const test = await call(sendTest, apiRequest("POST", `${base}/${id}/test`, { cookie: owner.cookie }), { id });
    expect(test.status).toBe(202);
    const deliveryId = test.body.id as string;
    await db.webhookMessage.update({ where: { id: deliveryId }, data: { status: "failed" } });

    const auth = { cookie: other.cookie };
    const p = { id };
    const results = [
      await call(getOne, apiRequest("GET", `${base}/${id}`, auth), p),
      await call(update, apiRequest("PATCH", `${base}/${id}`, auth, { description: "mine" }), p),
      await call(rotate, apiRequest("POST", `${base}/${id}/rotate`, auth), p),
      await call(listDeliveries, apiRequest("GET", `${base}/${id}/deliveries`, auth), p),
      await call(sendTest, apiRequest("POST", `${base}/${id}/test`, auth), p),
      await call(redeliver, apiRequest("POST", `${base}/${id}/deliveries/${deliveryId}/redeliver`, auth), {
        id,
        deliveryId,
      }),
      await call(remove, apiRequest("DELETE", `${base}/${id}`, auth), p),
    ];
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect((await call(list, apiRequest("GET", base, auth))).body.data).toEqual([]);
    // Untouched in its own workspace.
    const mine = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(mine.description).toBe("");
    expect((await db.webhookMessage.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("failed");
  });
});
