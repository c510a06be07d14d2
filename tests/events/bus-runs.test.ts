import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import { emitStepOutput } from "@/lib/events/emit-step-output";
import { makeUser, type TestUser } from "../support/factory";
import { waitFor, waitForRun } from "../support/runs";
import { createWorkflowOk, emitEvent, makeEventType, onEvent } from "./helpers";

let user: TestUser;
let driver: Driver;
const savedDepth = process.env.EVENT_MAX_DEPTH;

beforeAll(async () => {
  // A short cap keeps the self-triggering chain below quick; the default (10) is tested in emit.test.ts.
  process.env.EVENT_MAX_DEPTH = "2";
  resetEnv();
  user = await makeUser("bus");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
  await makeEventType(user, "Incident", { title: "str", link: "url" });
  await makeEventType(user, "WorkItem", { summary: "str", severity: "enum[low, high]" });
  await makeEventType(user, "Ping", { n: "int" });
});

afterAll(async () => {
  await driver.stop();
  if (savedDepth === undefined) delete process.env.EVENT_MAX_DEPTH;
  else process.env.EVENT_MAX_DEPTH = savedDepth;
  resetEnv();
});

const runsOf = (eventId: string) => db.run.findMany({ where: { eventId }, orderBy: { createdAt: "asc" } });

describe("runs started by events", () => {
  it("fills {{ event.<field> }} in a node's prompt from the event's data", async () => {
    const u = await makeUser("bus-templates");
    await makeEventType(u, "Page", { title: "str", link: "url" });
    const d = await startDriver({ functions: runCrew, workspaces: [u.workspaceId], config: { pollMs: 50 } });
    try {
      await createWorkflowOk(
        u,
        onEvent("Investigate", "Page", { systemPrompt: "Investigate {{ event.title }} at {{event.link}}." }),
      );
      const res = await emitEvent(u, {
        name: "Page",
        data: { title: "DB down", link: "https://status.example.com/7" },
      });
      expect(res.status).toBe(202);
      const run = await waitForRun(res.body.runs[0].id);
      expect(run.status).toBe("completed");
      expect(run.triggeredBy).toBe("event");
      const system = (run.steps[0]!.input as { system: string }).system;
      expect(system).toBe("Investigate DB down at https://status.example.com/7.");

      // A step whose event type is gone by the time it emits: stored with the reason, nothing started.
      const orphan = await emitStepOutput(scopeFor(u.workspaceId), run.id, 0, "Removed");
      const stored = await db.event.findUniqueOrThrow({ where: { id: orphan!.eventId } });
      expect(stored).toMatchObject({ name: "Removed", source: "step", sourceRunId: run.id, depth: 1 });
      expect(stored.note).toBe('Not delivered: Event type "Removed" not found.');
      expect(orphan!.runs).toEqual([]);
    } finally {
      await d.stop();
    }
  });

  it("a step that emits starts the workflows on that event, one hop deeper, fanning out to each", async () => {
    await createWorkflowOk(
      user,
      onEvent("Triage", "Incident", {
        systemPrompt: "Triage {{ event.title }}.",
        output: { summary: "str", severity: "enum[low, high]" },
        emits: "WorkItem",
      }),
    );
    await createWorkflowOk(user, onEvent("Resolve", "WorkItem", { systemPrompt: "Resolve {{ event.summary }}." }));
    await createWorkflowOk(user, onEvent("Record", "WorkItem", { systemPrompt: "Record {{ event.severity }}." }));

    const res = await emitEvent(user, { name: "Incident", data: { title: "Disk full", link: "https://x.example/1" } });
    expect(res.status).toBe(202);
    expect(res.body.runs).toHaveLength(1);
    const triage = await waitForRun(res.body.runs[0].id);
    expect(triage.status).toBe("completed");

    const workItem = await waitFor(() =>
      db.event.findFirst({ where: { workspaceId: user.workspaceId, name: "WorkItem", sourceRunId: triage.id } }),
    );
    expect(workItem).toMatchObject({ source: "step", depth: 1, note: null });
    expect(workItem.data).toEqual(triage.steps[0]!.data);

    const started = await waitFor(async () => {
      const runs = await runsOf(workItem.id);
      return runs.length === 2 ? runs : null;
    });
    const finished = await Promise.all(started.map((r) => waitForRun(r.id)));
    expect(finished.map((r) => r.status)).toEqual(["completed", "completed"]);
    const summary = (workItem.data as { summary: string }).summary;
    const systems = finished.map((r) => (r.steps[0]!.input as { system: string }).system).sort();
    expect(systems).toEqual([`Record ${(workItem.data as { severity: string }).severity}.`, `Resolve ${summary}.`]);
    // Exactly one WorkItem for the triage step.
    expect(await db.event.count({ where: { sourceRunId: triage.id } })).toBe(1);
  });

  it("emits a step's output once even when the emit is replayed", async () => {
    const res = await emitEvent(user, { name: "Incident", data: { title: "Replay", link: "https://x.example/2" } });
    const triage = await waitForRun(res.body.runs[0].id);
    const first = await waitFor(() => db.event.findFirst({ where: { sourceRunId: triage.id } }));
    const again = await emitStepOutput(scopeFor(user.workspaceId), triage.id, 0, "WorkItem");
    expect(again?.eventId).toBe(first.id);
    expect(await db.event.count({ where: { sourceRunId: triage.id } })).toBe(1);
    const runs = await waitFor(async () => {
      const r = await runsOf(first.id);
      return r.length === 2 ? r : null;
    });
    expect(again?.runs.sort()).toEqual(runs.map((r) => r.id).sort());
  });

  it("a workflow that triggers itself stops at the depth cap with the reason recorded", async () => {
    const u = await makeUser("bus-loop");
    await makeEventType(u, "Tick", { n: "int" });
    const d = await startDriver({ functions: runCrew, workspaces: [u.workspaceId], config: { pollMs: 50 } });
    try {
      await createWorkflowOk(u, onEvent("Again", "Tick", { output: { n: "int" }, emits: "Tick" }));
      const res = await emitEvent(u, { name: "Tick", data: { n: 0 } });
      expect(res.status).toBe(202);
      // Depths 0, 1 and 2 start runs; the event at depth 3 is past EVENT_MAX_DEPTH (2).
      const capped = await waitFor(
        () => db.event.findFirst({ where: { workspaceId: u.workspaceId, depth: 3 } }),
        30_000,
      );
      expect(capped.note).toContain("EVENT_MAX_DEPTH (2)");
      const runs = await db.run.findMany({ where: { workspaceId: u.workspaceId } });
      await Promise.all(runs.map((r) => waitForRun(r.id)));
      expect(runs).toHaveLength(3);
      const events = await db.event.findMany({ where: { workspaceId: u.workspaceId }, orderBy: { depth: "asc" } });
      expect(events.map((e) => [e.depth, e.source])).toEqual([
        [0, "api"],
        [1, "step"],
        [2, "step"],
        [3, "step"],
      ]);
      expect(await db.run.count({ where: { eventId: capped.id } })).toBe(0);
    } finally {
      await d.stop();
    }
  });
});
