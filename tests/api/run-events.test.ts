import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET as runEvents } from "@/app/api/v1/runs/[id]/events/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { publishStepDelta } from "@/lib/runs/publish-step-delta";
import { runChangeFeed } from "@/lib/runs/run-change-feed";
import { addMember, apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { waitFor } from "../support/runs";

const CREW = {
  name: "Two agents",
  model: "claude-sonnet-4-6",
  crew: [
    { role: "planner", systemPrompt: "Plan it." },
    { role: "writer", systemPrompt: "Write it." },
  ],
};

interface SseEvent {
  event: string;
  id: number;
  data: unknown;
}

/** An open event stream whose events are collected as they arrive. */
interface OpenStream {
  events: SseEvent[];
  closed: Promise<void>;
  abort: () => void;
}

async function queuedRun(u: TestUser): Promise<string> {
  const wf = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, CREW));
  const run = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${wf.body.id}/runs`, { token: u.token }, { input: "A launch plan." }),
    { id: wf.body.id },
  );
  expect(run.status).toBe(202);
  return run.body.id as string;
}

type Auth = Parameters<typeof apiRequest>[2];

function request(u: TestUser, runId: string, signal?: AbortSignal, auth: Auth = { token: u.token }) {
  return new Request(apiRequest("GET", `/api/v1/runs/${runId}/events`, auth), { signal });
}

async function open(u: TestUser, runId: string, auth?: Auth): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await runEvents(request(u, runId, controller.signal, auth), { params: Promise.resolve({ id: runId }) });
  expect(res.status).toBe(200);
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const closed = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const blocks = buffer.split("\n\n");
      buffer = blocks.pop()!;
      for (const block of blocks) {
        const field = (name: string) =>
          block
            .split("\n")
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        const event = field("event");
        if (event) events.push({ event, id: Number(field("id")), data: JSON.parse(field("data")!) });
      }
    }
  })();
  return { events, closed, abort: () => controller.abort() };
}

const opened: OpenStream[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) s.abort();
  delete process.env.RUN_STREAMS_PER_CALLER;
  delete process.env.RUN_STREAMS_PER_WORKSPACE;
  delete process.env.RUN_STREAM_HEARTBEAT_MS;
  resetEnv();
});

afterAll(async () => {
  await runChangeFeed().close();
});

describe("run event streams", () => {
  it("share one change feed: a change is read once for all streams and reaches each as a step delta", async () => {
    const u = await makeUser("feed");
    const runId = await queuedRun(u);
    const feed = runChangeFeed();
    const streams = await Promise.all(Array.from({ length: 12 }, () => open(u, runId)));
    opened.push(...streams);
    await waitFor(async () => streams.every((s) => s.events.length === 1));
    expect(feed.listenerCount()).toBe(12);
    for (const s of streams) expect(s.events[0]).toMatchObject({ event: "run", id: 1, data: { id: runId } });

    const before = { ...feed.stats };
    await db.step.updateMany({ where: { runId, index: 0 }, data: { status: "running", startedAt: new Date() } });
    await waitFor(async () => streams.every((s) => s.events.length === 2));
    // One read of the run for the one change, however many streams follow it; no new connection.
    expect(feed.stats.reads - before.reads).toBe(1);
    expect(feed.stats.connections).toBe(before.connections);
    expect(feed.stats.connections).toBeLessThanOrEqual(1);
    for (const s of streams) {
      expect(s.events[1]).toMatchObject({ event: "step", id: 2, data: { index: 0, status: "running" } });
    }

    // A heartbeat alone changes nothing a client sees: no read, no event.
    const quiet = { ...feed.stats };
    await db.run.update({ where: { id: runId }, data: { heartbeatAt: new Date() } });
    await new Promise((r) => setTimeout(r, 300));
    expect(feed.stats.reads).toBe(quiet.reads);
  });

  it("sends deltas in order and ends with `end` once the run is finished", async () => {
    const u = await makeUser("feed-order");
    const runId = await queuedRun(u);
    const stream = await open(u, runId);
    opened.push(stream);
    await waitFor(async () => stream.events.length === 1);

    await db.run.update({ where: { id: runId }, data: { status: "running", startedAt: new Date() } });
    await waitFor(async () => stream.events.length === 2);
    await db.step.updateMany({
      where: { runId, index: 0 },
      data: { status: "running", startedAt: new Date() },
    });
    await waitFor(async () => stream.events.length === 3);
    await db.$transaction([
      db.step.updateMany({ where: { runId, index: 1 }, data: { status: "cancelled" } }),
      db.run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } }),
    ]);
    await stream.closed;

    expect(stream.events.map((e) => e.id)).toEqual(stream.events.map((_, i) => i + 1));
    expect(stream.events.map((e) => e.event)).toEqual(["run", "run", "step", "step", "run", "end"]);
    expect(stream.events[1]!.data).toMatchObject({ status: "running" });
    expect(Object.keys(stream.events[1]!.data as object)).not.toContain("steps");
    expect(stream.events[2]!.data).toMatchObject({ index: 0, status: "running" });
    expect(stream.events[3]!.data).toMatchObject({ index: 1, status: "cancelled" });
    expect(stream.events[4]!.data).toMatchObject({ status: "cancelled" });
    expect(stream.events[5]!.data).toEqual({ status: "cancelled" });
  });

  it("carries a running step's streamed model text as `event: delta` { stepId, text }, in order", async () => {
    const u = await makeUser("feed-delta");
    const runId = await queuedRun(u);
    const stream = await open(u, runId);
    opened.push(stream);
    await waitFor(async () => stream.events.length === 1);
    const step = await db.step.findFirstOrThrow({ where: { runId, index: 0 } });
    // As the process running the step publishes it (another process in production).
    await publishStepDelta(runId, step.id, "The plan, ");
    await publishStepDelta(runId, step.id, "step by step.");
    await waitFor(async () => stream.events.length === 3);
    expect(stream.events.slice(1)).toEqual([
      { event: "delta", id: 2, data: { stepId: step.id, text: "The plan, " } },
      { event: "delta", id: 3, data: { stepId: step.id, text: "step by step." } },
    ]);
  });

  it("refuses a caller's stream past RUN_STREAMS_PER_CALLER with 429 and Retry-After, and frees the slot on close", async () => {
    process.env.RUN_STREAMS_PER_CALLER = "3";
    resetEnv();
    const u = await makeUser("feed-limit");
    const other = await makeUser("feed-limit-other");
    const runId = await queuedRun(u);
    const streams = await Promise.all([open(u, runId), open(u, runId), open(u, runId)]);
    opened.push(...streams);

    const refused = await call(runEvents, request(u, runId), { id: runId });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // Another caller is not held back by this one's streams.
    const otherRun = await queuedRun(other);
    const theirs = await open(other, otherRun);
    opened.push(theirs);

    streams[0]!.abort();
    await streams[0]!.closed.catch(() => undefined);
    const again = await open(u, runId);
    opened.push(again);
    await waitFor(async () => again.events.length === 1);
  });

  it("refuses a workspace's stream past RUN_STREAMS_PER_WORKSPACE, whoever asks, and frees the slot on close", async () => {
    process.env.RUN_STREAMS_PER_WORKSPACE = "2";
    resetEnv();
    const owner = await makeUser("feed-ws-limit");
    const member = await makeUser("feed-ws-limit-member");
    await addMember(owner.workspaceId, member.userId, "member");
    const runId = await queuedRun(owner);
    const mine = await open(owner, runId);
    const theirs = await open(member, runId, { cookie: member.cookie, workspace: owner.slug });
    opened.push(mine, theirs);
    expect(await db.runStreamSlot.count({ where: { workspaceId: owner.workspaceId } })).toBe(2);

    // A third caller holds no stream of its own, but the workspace is full.
    const refused = await call(runEvents, request(owner, runId, undefined, { cookie: owner.cookie }), { id: runId });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain("RUN_STREAMS_PER_WORKSPACE");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    theirs.abort();
    await theirs.closed.catch(() => undefined);
    await waitFor(async () => (await db.runStreamSlot.count({ where: { workspaceId: owner.workspaceId } })) === 1);
    const again = await open(owner, runId, { cookie: owner.cookie });
    opened.push(again);
    await waitFor(async () => again.events.length === 1);
  });

  it("ends with `event: error` at the next heartbeat once the token is revoked or the member removed", async () => {
    process.env.RUN_STREAM_HEARTBEAT_MS = "100";
    resetEnv();
    const owner = await makeUser("feed-revoke");
    const member = await makeUser("feed-revoke-member");
    await addMember(owner.workspaceId, member.userId, "member");
    const runId = await queuedRun(owner);
    const byToken = await open(owner, runId);
    const bySession = await open(owner, runId, { cookie: member.cookie, workspace: owner.slug });
    const byOwner = await open(owner, runId, { cookie: owner.cookie });
    opened.push(byToken, bySession, byOwner);
    await waitFor(async () => [byToken, bySession, byOwner].every((s) => s.events.length === 1));

    await db.apiToken.updateMany({ where: { workspaceId: owner.workspaceId }, data: { revokedAt: new Date() } });
    await byToken.closed;
    expect(byToken.events.at(-1)).toMatchObject({ event: "error", data: { code: "unauthorized" } });

    await db.membership.delete({
      where: { workspaceId_userId: { workspaceId: owner.workspaceId, userId: member.userId } },
    });
    await bySession.closed;
    expect(bySession.events.at(-1)).toMatchObject({ event: "error", data: { code: "not_found" } });

    // The owner, who still has access, keeps following the run.
    expect(byOwner.events.map((e) => e.event)).toEqual(["run"]);
  });
});
