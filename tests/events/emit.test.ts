import { beforeAll, describe, expect, it } from "vitest";
import { GET as getEvent } from "@/app/api/v1/events/[id]/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { PATCH as patchWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { POST as startRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { PLANS } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { emitEvent as emitDirect } from "@/lib/events/emit-event";
import { emitStepOutput } from "@/lib/events/emit-step-output";
import { emittedEventSchema, eventWithRunsSchema, MAX_EVENT_DATA_CHARS } from "@/lib/events/schemas";
import { createRun } from "@/lib/runs/create-run";
import { runResponseSchema } from "@/lib/runs/response-schemas";
import { startWorkflowCall } from "@/lib/tools/workflow-tool";
import { makeUsageEvent } from "../support/billing";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createWorkflowOk, emitEvent, makeEventType, onEvent } from "./helpers";

let user: TestUser;

beforeAll(async () => {
  user = await makeUser("emit");
  await makeEventType(user, "Incident", {
    title: "str",
    count: "int",
    link: "url",
    ticket: "id",
    severity: "enum[low, high]",
  });
});

const good = { title: "DB down", count: 3, link: "https://status.example.com/1", ticket: "INC-1", severity: "high" };

describe("POST /api/v1/events", () => {
  it("names each invalid data field: missing, unknown, wrong type", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, title: undefined }, "data.title"],
      [{ ...good, extra: 1 }, "data.extra"],
      [{ ...good, count: "3" }, "data.count"],
      [{ ...good, count: 1.5 }, "data.count"],
      [{ ...good, link: "ftp://example.com/x" }, "data.link"],
      [{ ...good, link: "not a url" }, "data.link"],
      [{ ...good, ticket: "INC 1" }, "data.ticket"],
      [{ ...good, ticket: "" }, "data.ticket"],
      [{ ...good, severity: "medium" }, "data.severity"],
    ];
    for (const [data, field] of cases) {
      const res = await emitEvent(user, { name: "Incident", data });
      expect(res.status, `${field} ${JSON.stringify(data)}`).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.error.message).toContain(field);
    }
    expect(await db.event.count({ where: { workspaceId: user.workspaceId, name: "Incident" } })).toBe(0);
  });

  it("answers 404 naming an unknown event type, and 413 past the data limit", async () => {
    const unknown = await emitEvent(user, { name: "Nope", data: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect(unknown.body.error.message).toContain('"Nope"');

    await makeEventType(user, "Big", { text: "str" });
    const big = await emitEvent(user, { name: "Big", data: { text: "x".repeat(MAX_EVENT_DATA_CHARS) } });
    expect(big.status).toBe(413);
  });

  it("stores an event no workflow starts on with a note saying so", async () => {
    await makeEventType(user, "Lonely", { a: "str" });
    const res = await emitEvent(user, { name: "Lonely", data: { a: "x" } });
    expect(res.status).toBe(202);
    emittedEventSchema.parse(res.body);
    expect(res.body.runs).toEqual([]);
    expect(res.body.event).toMatchObject({ name: "Lonely", source: "api", depth: 0, sourceRunId: null });
    expect(res.body.event.note).toContain("No active workflow");
  });

  it("refuses a run request for a workflow whose prompts read the event, naming event and what to emit", async () => {
    const u = await makeUser("run-needs-event");
    await makeEventType(u, "Deploy", { service: "str" });
    const reads = await createWorkflowOk(u, onEvent("Notify", "Deploy", { systemPrompt: "Tell {{ event.service }}." }));
    const res = await call(
      startRun,
      apiRequest("POST", `/api/v1/workflows/${reads}/runs`, { token: u.token }, { input: "go" }),
      { id: reads },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Workflow "Notify" reads {{ event.service }} from a Deploy event, which a run request does not carry; emit a Deploy (POST /api/v1/events) to run it.',
    );
    expect(res.body.error.details[0].field).toBe("event");
    expect(await db.run.count({ where: { workflowId: reads } })).toBe(0);
    // One that does not read the event still runs from a request.
    const plain = await createWorkflowOk(u, onEvent("Audit", "Deploy"));
    const ok = await call(
      startRun,
      apiRequest("POST", `/api/v1/workflows/${plain}/runs`, { token: u.token }, { input: "go" }),
      { id: plain },
    );
    expect(ok.status).toBe(202);
    // Emitted, the event carries the data: the run starts.
    const emitted = await emitEvent(u, { name: "Deploy", data: { service: "api" } });
    expect(emitted.body.runs.map((r: { workflowName: string }) => r.workflowName).sort()).toEqual(["Audit", "Notify"]);
    // ?sourceRunId= lists the events a run's steps emitted: none here.
    const none = await call(
      listEvents,
      apiRequest("GET", `/api/v1/events?sourceRunId=${ok.body.id}`, { token: u.token }),
    );
    expect(none.body.data).toEqual([]);
  });

  it("fans out to every active workflow that starts on it, with the data as input and the event on the run", async () => {
    const u = await makeUser("fanout");
    await makeEventType(u, "Deploy", { service: "str", version: "int" });
    const a = await createWorkflowOk(u, onEvent("Notify", "Deploy", { systemPrompt: "Tell {{ event.service }}." }));
    const b = await createWorkflowOk(u, onEvent("Audit", "Deploy"));
    const paused = await createWorkflowOk(u, onEvent("Paused", "Deploy"));
    await call(
      patchWorkflow,
      apiRequest("PATCH", `/api/v1/workflows/${paused}`, { token: u.token }, { status: "paused" }),
      { id: paused },
    );
    await makeEventType(u, "Release", { service: "str" });
    await createWorkflowOk(u, onEvent("Other trigger", "Release"));
    // A crew workflow never starts on events.
    await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "Crew" }));

    const res = await emitEvent(u, { name: "Deploy", data: { service: "api", version: 42 } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    emittedEventSchema.parse(res.body);
    const names = res.body.runs.map((r: { workflowName: string }) => r.workflowName).sort();
    expect(names).toEqual(["Audit", "Notify"]);
    expect(res.body.runs.map((r: { workflowId: string }) => r.workflowId)).toEqual(expect.arrayContaining([a, b]));
    expect(res.body.event.note).toBeNull();

    const runId = res.body.runs.find((r: { workflowId: string }) => r.workflowId === a).id as string;
    const run = await call(getRun, apiRequest("GET", `/api/v1/runs/${runId}`, { token: u.token }), { id: runId });
    runResponseSchema.parse(run.body);
    expect(run.body).toMatchObject({ triggeredBy: "event", eventId: res.body.event.id });
    expect(JSON.parse(run.body.input)).toEqual({ service: "api", version: 42 });

    const one = await call(getEvent, apiRequest("GET", `/api/v1/events/${res.body.event.id}`, { token: u.token }), {
      id: res.body.event.id,
    });
    eventWithRunsSchema.parse(one.body);
    expect(one.body.runs).toHaveLength(2);
  });

  it("runs are admitted as any run: one refused is named in the note while the others start", async () => {
    const u = await makeUser("emit-admission");
    await makeEventType(u, "Busy", { n: "int" });
    const oneStep = (name: string) => {
      const body = onEvent(name, "Busy");
      return { ...body, graph: { ...body.graph, maxSteps: 1 } };
    };
    await createWorkflowOk(u, oneStep("First"));
    await createWorkflowOk(u, oneStep("Second"));
    // One step of the month's allowance is left: the first run holds it, the second is refused.
    await makeUsageEvent(u.workspaceId, { steps: PLANS.free.monthlySteps - 1 });
    const res = await emitEvent(u, { name: "Busy", data: { n: 1 } });
    expect(res.status).toBe(202);
    expect(res.body.runs.map((r: { workflowName: string }) => r.workflowName)).toEqual(["First"]);
    expect(res.body.event.note).toContain('Not started for "Second"');
  });

  it("with an idempotency key, a retry stores one event and starts its runs once", async () => {
    const u = await makeUser("emit-key");
    await makeEventType(u, "Once", { n: "int" });
    await createWorkflowOk(u, onEvent("Once", "Once"));
    const first = await emitEvent(u, { name: "Once", data: { n: 1 }, idempotencyKey: "k-1" });
    const second = await emitEvent(u, { name: "Once", data: { n: 1 }, idempotencyKey: "k-1" });
    expect(second.status).toBe(202);
    expect(second.body.event.id).toBe(first.body.event.id);
    expect(second.body.runs.map((r: { id: string }) => r.id)).toEqual(first.body.runs.map((r: { id: string }) => r.id));
    expect(await db.run.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
    const different = await emitEvent(u, { name: "Once", data: { n: 2 }, idempotencyKey: "k-1" });
    expect(different.status).toBe(409);
  });

  it("two emits racing with one key store one event and one run", async () => {
    const u = await makeUser("emit-race");
    await makeEventType(u, "Race", { n: "int" });
    await createWorkflowOk(u, onEvent("Race", "Race"));
    const scope = scopeFor(u.workspaceId);
    const input = { name: "Race", data: { n: 1 }, source: "step" as const, depth: 1, idempotencyKey: "step:race" };
    const [a, b] = await Promise.all([emitDirect(scope, input), emitDirect(scope, input)]);
    expect(a.event.id).toBe(b.event.id);
    expect(await db.event.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
    expect(await db.run.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
  });

  it("stops a chain past EVENT_MAX_DEPTH (10): stored with the reason, no runs", async () => {
    const u = await makeUser("emit-depth");
    await makeEventType(u, "Loop", { n: "int" });
    await createWorkflowOk(u, onEvent("Loop", "Loop"));
    const scope = scopeFor(u.workspaceId);
    const atCap = await emitDirect(scope, { name: "Loop", data: { n: 1 }, source: "step", depth: 10 });
    expect(atCap.runs).toHaveLength(1);
    const past = await emitDirect(scope, { name: "Loop", data: { n: 1 }, source: "step", depth: 11 });
    expect(past.runs).toEqual([]);
    expect(past.event.depth).toBe(11);
    expect(past.event.note).toContain("EVENT_MAX_DEPTH (10)");
    const stored = await db.event.findUnique({ where: { id: past.event.id } });
    expect(stored?.note).toContain("EVENT_MAX_DEPTH");
  });

  it("keeps a caller's idempotency key apart from a step's: a key naming a step cannot stand in for its emit", async () => {
    const u = await makeUser("emit-key-space");
    await makeEventType(u, "Done", { n: "int" });
    const scope = scopeFor(u.workspaceId);
    const workflowId = await createWorkflowOk(u, onEvent("Emitter", "Done"));
    const { run } = await createRun(scope, { workflowId, input: "go", triggeredBy: "user" });
    const step = await scope.db.step.create({
      data: {
        workspaceId: u.workspaceId,
        runId: run.id,
        index: 0,
        role: "handler",
        model: "claude-haiku-4-5",
        nodeId: "handle",
        status: "completed",
        data: { n: 2 },
      },
    });
    const squat = await emitEvent(u, { name: "Done", data: { n: 1 }, idempotencyKey: `step:${step.id}` });
    expect(squat.status).toBe(202);
    const emitted = await emitStepOutput(scope, run.id, 0, "Done");
    expect(emitted!.eventId).not.toBe(squat.body.event.id);
    const stored = await db.event.findUniqueOrThrow({ where: { id: emitted!.eventId } });
    expect(stored).toMatchObject({ source: "step", sourceRunId: run.id, data: { n: 2 }, note: null });
    const fromRun = await call(
      listEvents,
      apiRequest("GET", `/api/v1/events?sourceRunId=${run.id}`, { token: u.token }),
    );
    expect(fromRun.body.data.map((e: { id: string }) => e.id)).toEqual([emitted!.eventId]);
    expect(emitted!.runs).toHaveLength(1);
    // The caller's own retry still finds its event.
    const retry = await emitEvent(u, { name: "Done", data: { n: 1 }, idempotencyKey: `step:${step.id}` });
    expect(retry.body.event.id).toBe(squat.body.event.id);
  });

  it("counts a workflow called as a tool from an event's run at that event's depth, so the cap still holds", async () => {
    const u = await makeUser("emit-depth-tool");
    await makeEventType(u, "Cycle", { n: "int" });
    const scope = scopeFor(u.workspaceId);
    // "On cycle" starts on Cycle and calls "Callee" as a tool; Callee emits Cycle again.
    await createWorkflowOk(u, onEvent("On cycle", "Cycle"));
    const callee = await createWorkflowOk(u, {
      name: "Callee",
      model: "claude-haiku-4-5",
      graph: {
        start: "emit",
        nodes: [{ id: "emit", role: "emitter", systemPrompt: "Emit.", output: { n: "int" }, emits: "Cycle" }],
        edges: [{ from: "emit", to: "END" }],
      },
    });
    const atCap = await emitDirect(scope, { name: "Cycle", data: { n: 1 }, source: "step", depth: 10 });
    const parent = atCap.runs[0]!;
    const child = await startWorkflowCall(scope, parent.id, "step-1", 0, callee, { input: "go" });
    await scope.db.step.create({
      data: {
        workspaceId: u.workspaceId,
        runId: child,
        index: 0,
        role: "emitter",
        model: "claude-haiku-4-5",
        nodeId: "emit",
        status: "completed",
        data: { n: 2 },
      },
    });
    const emitted = await emitStepOutput(scope, child, 0, "Cycle");
    const stored = await db.event.findUniqueOrThrow({ where: { id: emitted!.eventId } });
    expect(stored.depth).toBe(11);
    expect(stored.note).toContain("EVENT_MAX_DEPTH (10)");
    expect(emitted!.runs).toEqual([]);
  });

  it("lists events newest first, filtered by name, in pages", async () => {
    const u = await makeUser("emit-list");
    await makeEventType(u, "A", { n: "int" });
    await makeEventType(u, "B", { n: "int" });
    for (const n of [1, 2, 3]) await emitEvent(u, { name: "A", data: { n } });
    await emitEvent(u, { name: "B", data: { n: 9 } });
    const all = await call(listEvents, apiRequest("GET", "/api/v1/events", { token: u.token }));
    expect(all.body.data.map((e: { name: string }) => e.name)).toEqual(["B", "A", "A", "A"]);
    const page = await call(listEvents, apiRequest("GET", "/api/v1/events?name=A&limit=2", { token: u.token }));
    expect(page.body.data.map((e: { data: { n: number } }) => e.data.n)).toEqual([3, 2]);
    for (const e of page.body.data) eventWithRunsSchema.parse(e);
    const next = await call(
      listEvents,
      apiRequest("GET", `/api/v1/events?name=A&limit=2&cursor=${page.body.nextCursor}`, { token: u.token }),
    );
    expect(next.body.data.map((e: { data: { n: number } }) => e.data.n)).toEqual([1]);
    expect(next.body.nextCursor).toBeNull();
    const bad = await call(listEvents, apiRequest("GET", "/api/v1/events?name=bad%20name", { token: u.token }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("name");
  });
});

describe("saving a graph checks its events", () => {
  it("names the trigger's missing type, an unknown event field, and an emits whose output does not match", async () => {
    const u = await makeUser("emit-save");
    await makeEventType(u, "Ticket", { title: "str", priority: "enum[p1, p2]" });
    await makeEventType(u, "Done", { summary: "str" });
    const create = (body: unknown) =>
      call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));

    const missing = await create(onEvent("W", "Nonexistent"));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe("graph.trigger.event");

    const badField = await create(onEvent("W", "Ticket", { systemPrompt: "Fix {{ event.titel }}" }));
    expect(badField.status).toBe(400);
    expect(badField.body.error.details[0].field).toBe("graph.nodes.0.systemPrompt");
    expect(badField.body.error.message).toContain("titel");

    const noType = await create(onEvent("W", "Ticket", { output: { summary: "str" }, emits: "Nope" }));
    expect(noType.status).toBe(400);
    expect(noType.body.error.details[0].field).toBe("graph.nodes.0.emits");

    const mismatch = await create(onEvent("W", "Ticket", { output: { summary: "int" }, emits: "Done" }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details[0].field).toBe("graph.nodes.0.emits");
    expect(mismatch.body.error.message).toContain("summary");

    const ok = await create(
      onEvent("W", "Ticket", {
        systemPrompt: "Fix {{ event.title }} ({{ event.priority }})",
        output: { summary: "str" },
        emits: "Done",
      }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);

    // PUT graph goes through the same check.
    const id = ok.body.id as string;
    const put = await call(
      putGraph,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${id}/graph`,
        { token: u.token },
        {
          graph: onEvent("W", "Ticket", { systemPrompt: "{{ event.nope }}" }).graph,
        },
      ),
      { id },
    );
    expect(put.status).toBe(400);
    expect(put.body.error.details[0].field).toBe("graph.nodes.0.systemPrompt");
  });
});
