import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as cancel } from "@/app/api/v1/runs/[id]/cancel/route";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import { APPROVAL_SETTLED } from "@/lib/runs/approvals/events";
import { addMember, apiRequest, call, makeUser, sessionCookie, type TestUser } from "../support/factory";
import { create, createOk, triage } from "../graph/helpers";
import { answerAs, finished, readRun, reviewed, runWhen, startRun, waitingAt } from "./helpers";

let user: TestUser;
let other: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("approver");
  other = await makeUser("stranger");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

/** Makes a run's waiting approval expire now, and wakes its wait as the timeout would. */
async function expireApproval(runId: string, index: number) {
  const step = await db.step.findFirstOrThrow({ where: { runId, index } });
  const approval = step.approval as Record<string, unknown>;
  await db.step.update({
    where: { id: step.id },
    data: { approval: { ...approval, expiresAt: new Date(Date.now() - 1000).toISOString() } },
  });
  await sendEvent({ name: APPROVAL_SETTLED, data: { runId, index } });
}

describe("approval steps", () => {
  it("wait for a person, who approves: the run goes on along the approved edge", async () => {
    const workflowId = await createOk(user, reviewed());
    const runId = await startRun(user, workflowId);
    const waiting = await waitingAt(user, runId);
    expect(waiting.waitingFor?.reason).toBe("approval");
    const review = waiting.steps.find((s: { nodeId: string }) => s.nodeId === "review")!;
    const draft = waiting.steps.find((s: { nodeId: string }) => s.nodeId === "draft")!;
    expect(review.approval?.prompt).toBe(`Ship this? ${draft.output}`);
    expect(review.approval?.approvers).toBeNull();
    expect(review.approval?.timeout).toEqual({ after: "7d", then: "fail" });
    expect(review.inputTokens + review.outputTokens).toBe(0);

    const listed = await call(
      listRuns,
      apiRequest("GET", `/api/v1/runs?status=waiting&workflowId=${workflowId}`, { token: user.token }),
    );
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([runId]);
    const running = await call(
      listRuns,
      apiRequest("GET", `/api/v1/runs?status=running&workflowId=${workflowId}`, { token: user.token }),
    );
    expect(running.body.data).toEqual([]);

    const answered = await answerAs({ cookie: user.cookie }, runId, { decision: "approved", comment: "Lovely." });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const step = answered.body.steps.find((s: { nodeId: string }) => s.nodeId === "review");
    expect(step.status).toBe("completed");
    expect(step.output).toBe("approved");
    expect(step.data).toMatchObject({
      decision: "approved",
      comment: "Lovely.",
      decidedBy: { type: "user", id: user.userId },
    });

    const second = await answerAs({ token: user.token }, runId, { decision: "rejected" });
    expect(second.status).toBe(409);
    // The audit log names who decided, and how; the refused second answer is not there.
    const decided = await db.auditEntry.findMany({
      where: { workspaceId: user.workspaceId, action: "approval.decided" },
    });
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ actorType: "user", actorId: user.userId, targetType: "run", targetId: runId });
    expect(decided[0]!.details).toMatchObject({ nodeId: "review", decision: "approved", comment: "Lovely." });
    expect(second.body.error.message).toContain("already approved by");

    const done = await runWhen(user, runId, finished);
    expect(done.status).toBe("completed");
    expect(done.waitingFor).toBeNull();
    expect(done.visited).toEqual(["draft", "review", "publish"]);
    const usage = await db.usageEvent.findFirstOrThrow({ where: { runId } });
    expect(usage.steps).toBe(2); // the approval costs no step
  });

  it("an answer given before the engine registered its wait still wakes the run at once", async () => {
    const workflowId = await createOk(user, reviewed({ timeout: { after: "24h", then: "fail" } }));
    const runId = await startRun(user, workflowId);
    // As soon as the approval's step row exists, the engine's journal is locked so its wait
    // cannot be registered yet; the answer lands in that gap, and its event wakes nothing.
    const answered = await db.$transaction(
      async (tx) => {
        for (;;) {
          const open = await tx.step.findFirst({ where: { runId, nodeId: "review" }, select: { id: true } });
          if (open) break;
        }
        await tx.$executeRaw`LOCK TABLE "EngineStep" IN EXCLUSIVE MODE`;
        const waits = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM "EngineStep" s JOIN "EngineJob" j ON j.id = s."jobId"
          WHERE j.data->>'runId' = ${runId} AND s.result->>'type' = 'waiting'`;
        expect(waits[0]!.n).toBe(0);
        return answerAs({ token: user.token }, runId, { decision: "approved" });
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    // The wait is 24 hours: the run goes on only because the answer reaches it.
    const done = await runWhen(user, runId, finished);
    expect(done.status).toBe("completed");
    expect(done.visited).toEqual(["draft", "review", "publish"]);
  });

  it("time waiting at an approval counts against a wall_clock budget only if the budget says so", async () => {
    for (const includes of [false, true]) {
      const body = reviewed();
      Object.assign(body.graph, { budget: { wall_clock: 1, ...(includes && { wall_clock_includes_waiting: true }) } });
      const runId = await startRun(user, await createOk(user, body));
      const waiting = await waitingAt(user, runId);
      const index = waiting.steps.findIndex((s: { nodeId: string }) => s.nodeId === "review");
      // As if the run had waited five minutes for its answer.
      await db.$executeRaw`UPDATE "Run" SET "startedAt" = "startedAt" - interval '5 minutes' WHERE id = ${runId}`;
      await db.$executeRaw`
        UPDATE "Step" SET "startedAt" = "startedAt" - interval '5 minutes' WHERE "runId" = ${runId} AND index = ${index}`;
      const shown = await readRun(user, runId);
      expect(shown.budget!.waitedMinutes).toBeGreaterThanOrEqual(5);
      expect(shown.budget!.limits[0]).toMatchObject({ source: "workflow", wallClockIncludesWaiting: includes });

      expect((await answerAs({ token: user.token }, runId, { decision: "approved" })).status).toBe(200);
      const done = await runWhen(user, runId, finished);
      if (includes) {
        expect(done.status).toBe("failed");
        expect(done.errorCode).toBe("budget_exceeded");
        expect(done.error).toContain("workflow wall_clock limit 1 minutes");
        expect(done.visited).toEqual(["draft", "review"]);
      } else {
        expect(done.status, done.error ?? "").toBe("completed");
        expect(done.visited).toEqual(["draft", "review", "publish"]);
      }
    }
  });

  it("a rejection loops back for a revision, under the graph's caps", async () => {
    const workflowId = await createOk(user, reviewed({}, { maxVisitsPerNode: 2 }));
    const runId = await startRun(user, workflowId);
    await waitingAt(user, runId, 1);
    const rejected = await answerAs({ token: user.token }, runId, { decision: "rejected", comment: "Shorter." });
    expect(rejected.status).toBe(200);
    expect(rejected.body.steps.at(-1).data.decidedBy).toMatchObject({ type: "token" });
    await waitingAt(user, runId, 2);
    expect((await answerAs({ token: user.token }, runId, { decision: "rejected" })).status).toBe(200);
    const done = await runWhen(user, runId, finished);
    expect(done.status).toBe("failed");
    expect(done.errorCode).toBe("cap_exceeded");
    expect(done.visited).toEqual(["draft", "review", "draft", "review"]);
  });

  it("a timeout acts as the node says: reject goes on along the rejected edge, fail fails the run", async () => {
    const rejecting = await createOk(
      user,
      reviewed({ timeout: { after: "24h", then: "reject" } }, { maxVisitsPerNode: 1 }),
    );
    const runId = await startRun(user, rejecting);
    const waiting = await waitingAt(user, runId);
    const index = waiting.steps.findIndex((s: { nodeId: string }) => s.nodeId === "review");
    await expireApproval(runId, index);
    const done = await runWhen(user, runId, finished);
    // Rejected by the timeout, the draft would be revisited: its cap of 1 fails the run.
    expect(done.errorCode).toBe("cap_exceeded");
    expect(done.steps[index]!.output).toBe("rejected");
    expect(done.steps[index]!.data).toMatchObject({ decidedBy: { type: "timeout" } });
    const audited = await db.auditEntry.findFirstOrThrow({ where: { action: "approval.decided", targetId: runId } });
    expect(audited).toMatchObject({ actorType: "system", actorId: null });
    expect(audited.details).toMatchObject({ stepIndex: index, decision: "rejected", by: "timeout" });
    expect((await answerAs({ token: user.token }, runId, { decision: "approved" })).status).toBe(409);

    const failing = await createOk(user, reviewed({ timeout: { after: "30m", then: "fail" } }));
    const failRun = await startRun(user, failing);
    await waitingAt(user, failRun);
    await expireApproval(failRun, 1);
    const failed = await runWhen(user, failRun, finished);
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("Nobody answered within 30m");
    expect(failed.steps[1]!.status).toBe("failed");
    // Two runs, each to its end: more than one test's default budget on a loaded machine.
  }, 90_000);

  it("a waiting run can be cancelled, and is at once", async () => {
    const runId = await startRun(user, await createOk(user, reviewed()));
    await waitingAt(user, runId);
    const res = await call(cancel, apiRequest("POST", `/api/v1/runs/${runId}/cancel`, { token: user.token }), {
      id: runId,
    });
    expect(res.status).toBe(200);
    const done = await runWhen(user, runId, finished);
    expect(done.status).toBe("cancelled");
    expect(done.steps[1]!.status).toBe("cancelled");
    expect(done.waitingFor).toBeNull();
  });

  it("only the named roles may answer; another workspace's run is 404", async () => {
    const runId = await startRun(user, await createOk(user, reviewed({ approvers: ["admin", "owner"] })));
    await waitingAt(user, runId);
    const member = await makeUser("member");
    await addMember(user.workspaceId, member.userId, "member");
    const asMember = { cookie: await sessionCookie(member.userId, member.email), workspace: user.workspaceId };
    const refused = await answerAs(asMember, runId, { decision: "approved" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("admin or owner");

    expect((await answerAs({ token: other.token }, runId, { decision: "approved" })).status).toBe(404);
    expect((await answerAs({ token: user.token }, runId, { decision: "approved" }, "draft")).status).toBe(404);
    const bad = await answerAs({ token: user.token }, runId, { decision: "maybe" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("decision");
    const long = await answerAs({ token: user.token }, runId, { decision: "approved", comment: "x".repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain("comment");

    // API tokens act with member rights.
    expect((await answerAs({ token: user.token }, runId, { decision: "approved" })).status).toBe(403);
    expect((await answerAs({ cookie: user.cookie }, runId, { decision: "approved" })).status).toBe(200);
    expect((await runWhen(user, runId, finished)).status).toBe("completed");
    expect((await readRun(user, runId)).visited).toEqual(["draft", "review", "publish"]);
  });

  it("a waiting run holds no engine slot: with Free's 2 slots waiting, another run completes", async () => {
    const workflowId = await createOk(user, reviewed());
    const waiting = [await startRun(user, workflowId), await startRun(user, workflowId)];
    for (const id of waiting) await waitingAt(user, id);
    const plain = await createOk(user, triage("[[simulate:reply:billing]]"));
    const other = await runWhen(user, await startRun(user, plain), finished);
    expect(other.status).toBe("completed");
    for (const id of waiting) {
      expect((await answerAs({ token: user.token }, id, { decision: "approved" })).status).toBe(200);
      expect((await runWhen(user, id, finished)).status).toBe("completed");
    }
  });

  it("edges leave an approval on a typed field of the answer: the run routes on the answer's data", async () => {
    const routed = reviewed();
    routed.graph.nodes.push({ id: "rush", role: "publisher", systemPrompt: "Publish it now, at the top." });
    (routed.graph.edges as unknown[]).splice(
      1,
      0,
      { from: "review", to: "rush", when: { field: "data.priority", equals: "high" } },
      { from: "rush", to: "END" },
    );
    const workflowId = await createOk(user, routed);
    const highId = await startRun(user, workflowId);
    await waitingAt(user, highId);
    const high = await answerAs({ token: user.token }, highId, { decision: "approved", data: { priority: "High" } });
    expect(high.status, JSON.stringify(high.body)).toBe(200);
    expect((await runWhen(user, highId, finished)).visited).toEqual(["draft", "review", "rush"]);

    // Another answer's data falls through to the decision's edge.
    const lowId = await startRun(user, workflowId);
    await waitingAt(user, lowId);
    await answerAs({ token: user.token }, lowId, { decision: "approved", data: { priority: "low" } });
    expect((await runWhen(user, lowId, finished)).visited).toEqual(["draft", "review", "publish"]);

    // A field the answer does not have is refused when saving, naming the edge.
    const wrong = reviewed();
    (wrong.graph.edges as unknown[])[1] = {
      from: "review",
      to: "publish",
      when: { field: "priority", equals: "high" },
    };
    const refused = await create(user, wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([
        { field: "graph.edges.1.when.field", message: expect.stringContaining("Edge 1 (review → publish)") },
      ]),
    );
  });

  it("saving refuses approval nodes with model fields and edges on other labels, naming the field", async () => {
    const withTools = reviewed({ tools: ["http_request"] });
    const res = await create(user, withTools);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("takes no tools");

    const maybe = reviewed();
    maybe.graph.edges[1] = { from: "review", to: "publish", when: "maybe" };
    const edge = await create(user, maybe);
    expect(edge.status).toBe(400);
    expect(JSON.stringify(edge.body.error)).toContain("graph.edges.1.when");

    const timeout = await create(user, reviewed({ timeout: { after: "90d", then: "reject" } }));
    expect(timeout.status).toBe(400);
    expect(timeout.body.error.message).toContain("30 days");

    const onAgent = reviewed();
    (onAgent.graph.nodes[0] as Record<string, unknown>).approvers = ["admin"];
    expect((await create(user, onAgent)).status).toBe(400);
  });
});
