import { describe, expect, it } from "vitest";
import { POST as cancelRun } from "@/app/api/v1/runs/[id]/cancel/route";
import { GET as runEvents } from "@/app/api/v1/runs/[id]/events/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { GET as getStepInput } from "@/app/api/v1/runs/[id]/steps/[stepId]/input/route";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { PATCH as patchWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { db } from "@/lib/db/client";
import { MAX_RUN_INPUT_CHARS } from "@/lib/runs/schemas";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

/** The "Spec reviewer" example of the workflows & crews reference. */
const SPEC_REVIEWER = {
  name: "Spec reviewer",
  model: "claude-sonnet-4-6",
  crew: [
    {
      role: "researcher",
      systemPrompt: "Extract the key claims and open questions from the input. Be exhaustive and concise.",
    },
    { role: "writer", systemPrompt: "Using the research, draft a clear one-page summary with a 'Risks' section." },
    {
      role: "reviewer",
      model: "claude-opus-4-7",
      systemPrompt: "Critique the draft for accuracy and gaps, then output a corrected final version.",
    },
  ],
};

async function workflow(u: TestUser, body: unknown = SPEC_REVIEWER): Promise<string> {
  const res = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));
  expect(res.status).toBe(201);
  return res.body.id;
}

function trigger(u: TestUser, workflowId: string, body: unknown, headers: Record<string, string> = {}) {
  return call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, body, headers),
    {
      id: workflowId,
    },
  );
}

interface SseEvent {
  event: string;
  data: string;
}

/** Reads a server-sent-events body to its end (or until `stopAfter` says so). */
async function readEvents(
  res: Response,
  stopAfter?: (events: SseEvent[]) => boolean,
): Promise<{ events: SseEvent[]; raw: string }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let raw = "";
  const events: SseEvent[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += value;
    const blocks = raw.split("\n\n");
    events.length = 0;
    for (const block of blocks.slice(0, -1)) {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
      const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
      if (event && data !== undefined) events.push({ event, data });
    }
    if (stopAfter?.(events)) {
      await reader.cancel();
      break;
    }
  }
  return { events, raw };
}

describe("runs", () => {
  it("queues a run of the Spec reviewer crew: 202 with three pending steps and resolved models", async () => {
    const u = await makeUser("spec");
    const id = await workflow(u);
    const res = await trigger(u, id, { input: "Spec: the service stores uploads for 30 days." });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      workflowId: id,
      workflowName: "Spec reviewer",
      status: "queued",
      version: 1,
      stepCount: 3,
      input: "Spec: the service stores uploads for 30 days.",
      output: null,
      error: null,
      triggeredBy: "token",
      costUsd: 0,
    });
    expect(
      res.body.steps.map((s: { index: number; role: string; model: string; status: string }) => [
        s.index,
        s.role,
        s.model,
        s.status,
      ]),
    ).toEqual([
      [0, "researcher", "claude-sonnet-4-6", "pending"],
      [1, "writer", "claude-sonnet-4-6", "pending"],
      [2, "reviewer", "claude-opus-4-7", "pending"],
    ]);
    const steps = await db.step.findMany({ where: { runId: res.body.id } });
    expect(steps.every((s) => s.workspaceId === u.workspaceId)).toBe(true);

    const got = await call(getRun, apiRequest("GET", `/api/v1/runs/${res.body.id}`, { cookie: u.cookie }), {
      id: res.body.id,
    });
    expect(got.status).toBe(200);
    // The same run, and (while it waits) why it waits.
    const { waitingFor, ...rest } = got.body;
    const { waitingFor: atCreation, ...created } = res.body;
    expect(rest).toEqual(created);
    expect(atCreation).toBeNull();
    expect(waitingFor).toMatchObject({ reason: "engine" });
    expect(got.body.totals).toEqual({
      steps: 3,
      completedSteps: 0,
      billedSteps: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    });
  });

  it("serialises step costs and durations as numbers", async () => {
    const u = await makeUser("numbers");
    const id = await workflow(u);
    const run = (await trigger(u, id, { input: "x" })).body;
    const started = new Date("2026-01-01T00:00:00Z");
    await db.step.updateMany({
      where: { runId: run.id, index: 0 },
      data: {
        status: "completed",
        output: "claims",
        inputTokens: 12,
        outputTokens: 34,
        costUsd: "0.001234",
        startedAt: started,
        finishedAt: new Date(started.getTime() + 1500),
      },
    });
    const got = await call(getRun, apiRequest("GET", `/api/v1/runs/${run.id}`, { token: u.token }), { id: run.id });
    expect(got.body.steps[0]).toMatchObject({
      costUsd: 0.001234,
      durationMs: 1500,
      inputTokens: 12,
      outputTokens: 34,
      output: "claims",
    });
    expect(got.body.steps[1]).toMatchObject({ costUsd: 0, durationMs: null });
    expect(got.body.totals).toMatchObject({ completedSteps: 1, inputTokens: 12, outputTokens: 34, costUsd: 0.001234 });
  });

  it("refuses a paused workflow with 409 saying so", async () => {
    const u = await makeUser("paused");
    const id = await workflow(u);
    await call(
      patchWorkflow,
      apiRequest("PATCH", `/api/v1/workflows/${id}`, { token: u.token }, { status: "paused" }),
      { id },
    );
    const res = await trigger(u, id, { input: "x" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.message).toMatch(/paused/);
    expect(await db.run.count({ where: { workflowId: id } })).toBe(0);
  });

  it("refuses input over the size limit with 413 and empty input with 400", async () => {
    const u = await makeUser("size");
    const id = await workflow(u);
    const big = await trigger(u, id, { input: "x".repeat(MAX_RUN_INPUT_CHARS + 1) });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: "payload_too_large" });
    expect(big.body.error.message).toContain(String(MAX_RUN_INPUT_CHARS));
    const huge = await trigger(u, id, { input: "x".repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toBe("Request body is larger than 416 kB.");
    // Multi-byte characters count as characters, not bytes.
    const atLimit = await trigger(u, id, { input: "é".repeat(MAX_RUN_INPUT_CHARS) });
    expect(atLimit.status).toBe(202);

    for (const input of ["", "   "]) {
      const empty = await trigger(u, id, { input });
      expect(empty.status).toBe(400);
      expect(empty.body.error.details.map((d: { field: string }) => d.field)).toContain("input");
    }
    const missing = await trigger(u, id, {});
    expect(missing.body.error.details[0].field).toBe("input");
    expect(await db.run.count({ where: { workflowId: id } })).toBe(1);
  });

  it("returns the same run for a repeated Idempotency-Key, also when requests race", async () => {
    const u = await makeUser("idem");
    const id = await workflow(u);
    const first = await trigger(u, id, { input: "once" }, { "Idempotency-Key": "key-1" });
    expect(first.status).toBe(202);
    const again = await trigger(u, id, { input: "once" }, { "Idempotency-Key": "key-1" });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);

    const raced = await Promise.all(
      Array.from({ length: 5 }, () => trigger(u, id, { input: "race" }, { "Idempotency-Key": "key-2" })),
    );
    const ids = new Set(raced.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(raced.filter((r) => r.status === 202)).toHaveLength(1);
    expect(await db.run.count({ where: { workflowId: id } })).toBe(2);
    expect(await db.step.count({ where: { run: { workflowId: id } } })).toBe(6);

    const reused = await trigger(u, id, { input: "different" }, { "Idempotency-Key": "key-1" });
    expect(reused.status).toBe(409);
    const tooLong = await trigger(u, id, { input: "x" }, { "Idempotency-Key": "k".repeat(256) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].field).toBe("Idempotency-Key");

    // Keys belong to a workspace: another workspace's identical key makes its own run.
    const other = await makeUser("idem-other");
    const otherWf = await workflow(other);
    const theirs = await trigger(other, otherWf, { input: "once" }, { "Idempotency-Key": "key-1" });
    expect(theirs.status).toBe(202);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it("lists runs newest first with filters and a cursor", async () => {
    const u = await makeUser("list");
    const a = await workflow(u);
    const b = await workflow(u, { name: "Other" });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await trigger(u, a, { input: `a${i}` })).body.id);
    const onB = (await trigger(u, b, { input: "b" })).body.id;
    await call(cancelRun, apiRequest("POST", `/api/v1/runs/${made[0]}/cancel`, { token: u.token }), { id: made[0]! });

    const list = (qs: string) => call(listRuns, apiRequest("GET", `/api/v1/runs${qs}`, { token: u.token }));
    const all = await list("");
    expect(all.body.data.map((r: { id: string }) => r.id)).toEqual([onB, ...[...made].reverse()]);
    expect(all.body.data[0].steps).toBeUndefined();

    const page1 = await list(`?workflowId=${a}&limit=2`);
    expect(page1.body.data.map((r: { id: string }) => r.id)).toEqual([made[2], made[1]]);
    const page2 = await list(`?workflowId=${a}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data.map((r: { id: string }) => r.id)).toEqual([made[0]]);
    expect(page2.body.nextCursor).toBeNull();

    expect((await list("?status=cancelled")).body.data.map((r: { id: string }) => r.id)).toEqual([made[0]]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await list(`?createdAfter=${encodeURIComponent(future)}`)).body.data).toEqual([]);
    expect((await list(`?createdBefore=${encodeURIComponent(future)}`)).body.data).toHaveLength(4);
    const bad = await list("?status=done&createdAfter=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(["status", "createdAfter"]),
    );
  });

  it("cancels a queued run at once, asks a running one to stop, and refuses a finished one", async () => {
    const u = await makeUser("cancel");
    const id = await workflow(u);
    const cancel = (runId: string) =>
      call(cancelRun, apiRequest("POST", `/api/v1/runs/${runId}/cancel`, { token: u.token }), { id: runId });

    const queued = (await trigger(u, id, { input: "q" })).body;
    const res = await cancel(queued.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expect(res.body.finishedAt).toBeTruthy();
    expect(res.body.steps.map((s: { status: string }) => s.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const twice = await cancel(queued.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/cancelled/);

    const running = (await trigger(u, id, { input: "r" })).body;
    await db.run.update({ where: { id: running.id }, data: { status: "running", startedAt: new Date() } });
    const asked = await cancel(running.id);
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe("running");
    expect(asked.body.cancelRequestedAt).toBeTruthy();
    const firstAsk = asked.body.cancelRequestedAt;
    expect((await cancel(running.id)).body.cancelRequestedAt).toBe(firstAsk);

    const done = (await trigger(u, id, { input: "d" })).body;
    await db.run.update({
      where: { id: done.id },
      data: { status: "completed", output: "ok", finishedAt: new Date() },
    });
    const refused = await cancel(done.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/completed/);
  });

  it("answers a poll with 304 while the run is unchanged, and with the new body once it changes", async () => {
    const u = await makeUser("etag");
    const run = (await trigger(u, await workflow(u), { input: "e" })).body;
    const get = (headers: Record<string, string> = {}) =>
      getRun(apiRequest("GET", `/api/v1/runs/${run.id}`, { token: u.token }, undefined, headers), {
        params: Promise.resolve({ id: run.id }),
      });
    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const same = await get({ "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);

    await db.run.update({ where: { id: run.id }, data: { status: "cancelled", finishedAt: new Date() } });
    const changed = await get({ "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as { status: string }).status).toBe("cancelled");
  });

  it("streams run snapshots as server-sent events until the run ends", async () => {
    const u = await makeUser("sse");
    const id = await workflow(u);
    const run = (await trigger(u, id, { input: "watch me" })).body;
    const res = await runEvents(apiRequest("GET", `/api/v1/runs/${run.id}/events`, { token: u.token }), {
      params: Promise.resolve({ id: run.id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);

    let changed: Promise<void> | undefined;
    const change = async () => {
      await db.run.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date() } });
      await db.step.updateMany({
        where: { runId: run.id, index: 0 },
        data: { status: "running", startedAt: new Date() },
      });
      const asked = await call(cancelRun, apiRequest("POST", `/api/v1/runs/${run.id}/cancel`, { token: u.token }), {
        id: run.id,
      });
      expect(asked.body.cancelRequestedAt).toBeTruthy();
      await db.run.update({ where: { id: run.id }, data: { status: "cancelled", finishedAt: new Date() } });
    };
    // Once the first snapshot arrived, move the run along as the engine would.
    const reading = readEvents(res, (seen) => {
      if (!changed && seen.some((e) => e.event === "run")) changed = change();
      return false;
    });
    const { events } = await reading;
    await changed;
    // The run once, whole; then only what changed: steps whole, run fields as a patch.
    const [first, ...deltas] = events;
    expect(first!.event).toBe("run");
    const snapshot = JSON.parse(first!.data);
    expect(snapshot).toMatchObject({ id: run.id, status: "queued", stepCount: 3 });
    expect(snapshot.steps).toHaveLength(3);
    let live = snapshot;
    for (const e of deltas.slice(0, -1)) {
      const data = JSON.parse(e.data);
      expect(["run", "step"]).toContain(e.event);
      expect(Object.keys(data).length).toBeGreaterThan(0);
      if (e.event === "run") {
        expect(data.steps).toBeUndefined();
        live = { ...live, ...data };
      } else live = { ...live, steps: live.steps.map((s: { id: string }) => (s.id === data.id ? data : s)) };
    }
    expect(deltas.some((e) => e.event === "step")).toBe(true);
    expect(events.at(-1)).toEqual({ event: "end", data: JSON.stringify({ status: "cancelled" }) });
    const now = await call(getRun, apiRequest("GET", `/api/v1/runs/${run.id}`, { token: u.token }), { id: run.id });
    expect(live).toEqual(now.body);
  });

  it("stops streaming when the client disconnects", async () => {
    const u = await makeUser("sse-abort");
    const id = await workflow(u);
    const run = (await trigger(u, id, { input: "bye" })).body;
    const controller = new AbortController();
    const req = new Request(apiRequest("GET", `/api/v1/runs/${run.id}/events`, { token: u.token }), {
      signal: controller.signal,
    });
    const res = await runEvents(req, { params: Promise.resolve({ id: run.id }) });
    const { events } = await readEvents(res, (seen) => {
      if (seen.some((e) => e.event === "run")) controller.abort();
      return false;
    });
    // The stream ended although the run is still queued.
    expect(events.filter((e) => e.event === "run")).toHaveLength(1);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("queued");
  });
});

describe("run routes: access", () => {
  it("are 404 for another workspace's token and 401 without one", async () => {
    const a = await makeUser("run-a");
    const b = await makeUser("run-b");
    const wf = await workflow(a);
    const run = (await trigger(a, wf, { input: "secret" })).body;
    const p = { id: run.id };
    const as = (auth: { token: string } | null) => ({
      get: () => call(getRun, apiRequest("GET", `/api/v1/runs/${run.id}`, auth), p),
      cancel: () => call(cancelRun, apiRequest("POST", `/api/v1/runs/${run.id}/cancel`, auth), p),
      events: () => call(runEvents, apiRequest("GET", `/api/v1/runs/${run.id}/events`, auth), p),
      stepInput: () =>
        call(getStepInput, apiRequest("GET", `/api/v1/runs/${run.id}/steps/${run.steps[0].id}/input`, auth), {
          ...p,
          stepId: run.steps[0].id,
        }),
      trigger: () =>
        call(createRun, apiRequest("POST", `/api/v1/workflows/${wf}/runs`, auth, { input: "x" }), { id: wf }),
    });
    for (const [name, fn] of Object.entries(as({ token: b.token }))) {
      const res = await fn();
      expect(res.status, name).toBe(404);
      expect(res.body.error.code, name).toBe("not_found");
    }
    for (const [name, fn] of Object.entries(as(null))) expect((await fn()).status, name).toBe(401);
    const list = await call(listRuns, apiRequest("GET", "/api/v1/runs", { token: b.token }));
    expect(list.body.data).toEqual([]);
    const filtered = await call(listRuns, apiRequest("GET", `/api/v1/runs?workflowId=${wf}`, { token: b.token }));
    expect(filtered.body.data).toEqual([]);
    expect((await call(listRuns, apiRequest("GET", "/api/v1/runs", null))).status).toBe(401);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("queued");
  });
});
