import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as removeType, GET as getType, PATCH as patchType } from "@/app/api/v1/event-types/[id]/route";
import { DELETE as disableHook, POST as rotateHook } from "@/app/api/v1/event-types/[id]/webhook/route";
import { GET as listTypes, POST as createType } from "@/app/api/v1/event-types/route";
import { GET as getEvent } from "@/app/api/v1/events/[id]/route";
import { GET as listEvents, POST as emit } from "@/app/api/v1/events/route";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { createEventType } from "@/lib/events/create-event-type";
import { eventTypeSchema, MAX_EVENT_TYPES_PER_WORKSPACE } from "@/lib/events/schemas";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createWorkflowOk, makeEventType, onEvent } from "./helpers";

let user: TestUser;
let other: TestUser;

beforeAll(async () => {
  user = await makeUser("evtypes");
  other = await makeUser("evtypes-other");
});

const post = (u: TestUser, body: unknown) =>
  call(createType, apiRequest("POST", "/api/v1/event-types", { token: u.token }, body));

describe("event types API", () => {
  it("creates, lists, reads, updates and deletes an event type", async () => {
    const created = await post(user, {
      name: "Incident",
      fields: { title: "str", severity: "enum[low, high]", url: "url", id: "id", count: "int" },
      description: "Something broke",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    eventTypeSchema.parse(created.body);
    expect(created.body).toMatchObject({
      name: "Incident",
      description: "Something broke",
      webhook: { enabled: false },
    });
    const id = created.body.id as string;

    const list = await call(listTypes, apiRequest("GET", "/api/v1/event-types", { token: user.token }));
    expect(list.body.data.map((t: { name: string }) => t.name)).toContain("Incident");

    const one = await call(getType, apiRequest("GET", `/api/v1/event-types/${id}`, { token: user.token }), { id });
    expect(one.body.fields.severity).toBe("enum[low, high]");

    const patched = await call(
      patchType,
      apiRequest("PATCH", `/api/v1/event-types/${id}`, { token: user.token }, { name: "Outage", description: null }),
      { id },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ name: "Outage", description: null });

    const gone = await call(removeType, apiRequest("DELETE", `/api/v1/event-types/${id}`, { token: user.token }), {
      id,
    });
    expect(gone.status).toBe(200);
    const again = await call(getType, apiRequest("GET", `/api/v1/event-types/${id}`, { token: user.token }), { id });
    expect(again.status).toBe(404);
  });

  it("names the field of an invalid type, a bad field name and a taken name", async () => {
    const badType = await post(user, { name: "Bad", fields: { title: "string" } });
    expect(badType.status).toBe(400);
    expect(badType.body.error.details[0].field).toBe("fields.title");

    const badName = await post(user, { name: "1st", fields: {} });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details[0].field).toBe("name");

    await makeEventType(user, "Taken", { a: "str" });
    const taken = await post(user, { name: "Taken", fields: {} });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0].field).toBe("name");
  });

  it("refuses repeated or too many enum values and field names every object carries, naming the field", async () => {
    const repeated = await post(user, { name: "Dupes", fields: { severity: "enum[low, high, low]" } });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.details[0]).toMatchObject({ field: "fields.severity" });
    expect(repeated.body.error.details[0].message).toContain("low");

    const many = Array.from({ length: 101 }, (_, i) => `v${i}`).join(", ");
    const tooMany = await post(user, { name: "Many", fields: { level: `enum[${many}]` } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].field).toBe("fields.level");
    const enough = Array.from({ length: 100 }, (_, i) => `v${i}`).join(", ");
    expect((await post(user, { name: "Enough", fields: { level: `enum[${enough}]` } })).status).toBe(201);

    for (const field of ["__proto__", "constructor", "prototype"]) {
      const res = await post(user, { name: "Reserved", fields: JSON.parse(`{"${field}": "str", "title": "str"}`) });
      expect(res.status, field).toBe(400);
      expect(res.body.error.details[0].field).toBe(`fields.${field}`);
    }
  });

  it("keeps event type names unique whatever their case, on create and on rename", async () => {
    await makeEventType(user, "Outbreak", { a: "str" });
    const lower = await post(user, { name: "outbreak", fields: {} });
    expect(lower.status).toBe(409);
    expect(lower.body.error.details[0].field).toBe("name");
    expect(lower.body.error.message).toContain('"Outbreak"');

    const other = await post(user, { name: "Flare", fields: {} });
    const rename = (id: string, name: string) =>
      call(patchType, apiRequest("PATCH", `/api/v1/event-types/${id}`, { token: user.token }, { name }), { id });
    const clash = await rename(other.body.id, "OUTBREAK");
    expect(clash.status).toBe(409);
    expect(clash.body.error.details[0].field).toBe("name");
    // Its own name in another case is no clash.
    expect((await rename(other.body.id, "flare")).status).toBe(200);
  });

  it("refuses event data with a __proto__ key as not a field instead of dropping it", async () => {
    await makeEventType(user, "Ping", { title: "str" });
    const res = await call(
      emit,
      apiRequest(
        "POST",
        "/api/v1/events",
        { token: user.token },
        '{"name":"Ping","data":{"title":"x","__proto__":{"a":1}}}',
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("data.__proto__");
    expect(res.body.error.details[0].message).toMatch(/not a field/i);
  });

  it("refuses more than the workspace's limit of event types", async () => {
    const u = await makeUser("evtypes-limit");
    const scope = scopeFor(u.workspaceId);
    await db.eventType.createMany({
      data: Array.from({ length: MAX_EVENT_TYPES_PER_WORKSPACE }, (_, i) => ({
        workspaceId: u.workspaceId,
        name: `T${i}`,
        fields: {},
      })),
    });
    await expect(createEventType(scope, { name: "OneMore", fields: {} })).rejects.toMatchObject({
      status: 400,
      code: "limit_reached",
    });
    const res = await post(u, { name: "OneMore", fields: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("limit_reached");
  });

  it("keeps a type a workflow starts on or emits: delete and rename are 409 naming the workflows", async () => {
    const started = await makeEventType(user, "Started", { title: "str" });
    const emitted = await makeEventType(user, "Emitted", { title: "str" });
    await createWorkflowOk(user, onEvent("Starts on it", "Started"));
    await createWorkflowOk(user, onEvent("Emits it", "Started", { output: { title: "str" }, emits: "Emitted" }));

    const del = await call(
      removeType,
      apiRequest("DELETE", `/api/v1/event-types/${started.id}`, { token: user.token }),
      { id: started.id },
    );
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('"Starts on it"');
    expect(del.body.error.message).toContain('"Emits it"');

    const delEmitted = await call(
      removeType,
      apiRequest("DELETE", `/api/v1/event-types/${emitted.id}`, { token: user.token }),
      { id: emitted.id },
    );
    expect(delEmitted.status).toBe(409);
    expect(delEmitted.body.error.message).toContain('"Emits it"');

    const rename = await call(
      patchType,
      apiRequest("PATCH", `/api/v1/event-types/${emitted.id}`, { token: user.token }, { name: "Renamed" }),
      { id: emitted.id },
    );
    expect(rename.status).toBe(409);
    const refield = await call(
      patchType,
      apiRequest("PATCH", `/api/v1/event-types/${emitted.id}`, { token: user.token }, { fields: { other: "int" } }),
      { id: emitted.id },
    );
    expect(refield.status).toBe(409);
    const described = await call(
      patchType,
      apiRequest("PATCH", `/api/v1/event-types/${emitted.id}`, { token: user.token }, { description: "Still fine" }),
      { id: emitted.id },
    );
    expect(described.status).toBe(200);
  });

  it("answers 404 to another workspace on every event route", async () => {
    const type = await makeEventType(user, "Private", { title: "str" });
    const emitted = await call(
      emit,
      apiRequest("POST", "/api/v1/events", { token: user.token }, { name: "Private", data: { title: "x" } }),
    );
    expect(emitted.status).toBe(202);
    const eventId = emitted.body.event.id as string;
    const as = { token: other.token };
    const id = type.id;
    expect((await call(getType, apiRequest("GET", `/api/v1/event-types/${id}`, as), { id })).status).toBe(404);
    expect(
      (await call(patchType, apiRequest("PATCH", `/api/v1/event-types/${id}`, as, { description: "x" }), { id }))
        .status,
    ).toBe(404);
    expect((await call(removeType, apiRequest("DELETE", `/api/v1/event-types/${id}`, as), { id })).status).toBe(404);
    expect((await call(rotateHook, apiRequest("POST", `/api/v1/event-types/${id}/webhook`, as), { id })).status).toBe(
      404,
    );
    expect(
      (await call(disableHook, apiRequest("DELETE", `/api/v1/event-types/${id}/webhook`, as), { id })).status,
    ).toBe(404);
    expect((await call(getEvent, apiRequest("GET", `/api/v1/events/${eventId}`, as), { id: eventId })).status).toBe(
      404,
    );
    // Their emit does not find the name, and their lists do not show ours.
    const theirEmit = await call(
      emit,
      apiRequest("POST", "/api/v1/events", as, { name: "Private", data: { title: "x" } }),
    );
    expect(theirEmit.status).toBe(404);
    const theirTypes = await call(listTypes, apiRequest("GET", "/api/v1/event-types", as));
    expect(theirTypes.body.data).toEqual([]);
    const theirEvents = await call(listEvents, apiRequest("GET", "/api/v1/events", as));
    expect(theirEvents.body.data).toEqual([]);
  });
});
