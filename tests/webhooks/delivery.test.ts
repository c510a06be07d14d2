import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deliverWebhook } from "@/inngest/functions/deliver-webhook";
import { runCrew } from "@/inngest/functions/run-crew";
import { webhookRunFinished } from "@/inngest/functions/webhook-run-finished";
import { POST as redeliver } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/[deliveryId]/redeliver/route";
import { GET as listDeliveries } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import { POST as rotate } from "@/app/api/v1/webhook-endpoints/[id]/rotate/route";
import { POST as sendTest } from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import { POST as create } from "@/app/api/v1/webhook-endpoints/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as rotateHook } from "@/app/api/v1/event-types/[id]/webhook/route";
import { POST as receiveHook } from "@/app/api/hooks/[hookId]/route";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { resetEnv } from "@/lib/env";
import { deliverWebhookMessage } from "@/lib/webhooks/deliver-webhook-message";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createWorkflowOk, emitEvent, makeEventType, onEvent } from "../events/helpers";
import { createOk } from "../graph/helpers";
import { answerAs, finished, reviewed, runWhen, startRun } from "../approvals/helpers";
import { makeRun, THREE_AGENTS, waitFor, waitForRun } from "../support/runs";
import { decoded, mailsTo, useSmtp } from "../support/mail";
import { startSmtpServer } from "../support/smtp-server";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

let driver: Driver;
let owner: TestUser;
let receiver: WebhookReceiver;

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnv();
}

beforeAll(async () => {
  owner = await makeUser("wh-deliver");
  driver = await startDriver({
    functions: [deliverWebhook, webhookRunFinished, ...runCrew],
    workspaces: [owner.workspaceId],
    config: { pollMs: 20 },
  });
});
afterAll(async () => {
  await driver.stop();
});
beforeEach(async () => {
  withEnv({ ALLOW_PRIVATE_ENDPOINTS: "1", WEBHOOK_RETRY_BASE_MS: "20" });
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  resetEnv();
  await receiver.close();
});

const auth = () => ({ cookie: owner.cookie });

async function endpoint(events: string[] = ["run.completed"]) {
  const res = await call(
    create,
    apiRequest("POST", "/api/v1/webhook-endpoints", auth(), { url: receiver.url, events }),
  );
  expect(res.status).toBe(201);
  receiver.secrets = [res.body.secret];
  return res.body as { id: string; secret: string };
}

async function testEvent(id: string) {
  const res = await call(sendTest, apiRequest("POST", `/api/v1/webhook-endpoints/${id}/test`, auth()), { id });
  expect(res.status).toBe(202);
  return res.body.id as string;
}

const settled = (messageId: string) =>
  waitFor(async () => {
    const m = await db.webhookMessage.findUniqueOrThrow({ where: { id: messageId } });
    return m.status !== "pending" ? m : null;
  });

describe("webhook delivery", () => {
  it("signs a test event per Standard Webhooks and logs the delivery", async () => {
    const { id } = await endpoint();
    const messageId = await testEvent(id);
    const done = await settled(messageId);
    expect(done).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 200, responseExcerpt: "ok" });
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.verifiedBy).toBe(0);
    expect(got!.headers["webhook-id"]).toBe(messageId);
    expect(got!.verified).toMatchObject({ type: "webhook.test", data: { workspaceId: owner.workspaceId } });

    const log = await call(listDeliveries, apiRequest("GET", `/api/v1/webhook-endpoints/${id}/deliveries`, auth()), {
      id,
    });
    expect(log.status).toBe(200);
    expect(log.body.data[0]).toMatchObject({ id: messageId, status: "delivered", attempts: 1, responseStatus: 200 });
  });

  it("retries 5xx and network-level failures with one webhook-id, until the receiver accepts", async () => {
    const { id } = await endpoint();
    receiver.answers = [{ status: 503, body: "busy" }, { status: 500 }];
    const messageId = await testEvent(id);
    const done = await settled(messageId);
    expect(done).toMatchObject({ status: "delivered", attempts: 3, responseStatus: 200 });
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([messageId, messageId, messageId]);
    expect(receiver.received.every((r) => r.verifiedBy === 0)).toBe(true);
  });

  it("does not retry another 4xx; redelivery sends the same message again", async () => {
    const { id } = await endpoint();
    receiver.answers = [{ status: 400, body: "no such thing" }];
    const messageId = await testEvent(id);
    const done = await settled(messageId);
    expect(done).toMatchObject({
      status: "failed",
      attempts: 1,
      responseStatus: 400,
      responseExcerpt: "no such thing",
    });
    expect(receiver.received).toHaveLength(1);

    const again = await call(
      redeliver,
      apiRequest("POST", `/api/v1/webhook-endpoints/${id}/deliveries/${messageId}/redeliver`, auth()),
      { id, deliveryId: messageId },
    );
    expect(again.status).toBe(202);
    await waitFor(
      async () => (await db.webhookMessage.findUniqueOrThrow({ where: { id: messageId } })).status === "delivered",
    );
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([messageId, messageId]);
  });

  it("disables an endpoint whose message failed through every retry, and mails the admins", async () => {
    const smtp = await startSmtpServer();
    useSmtp(smtp.url);
    try {
      withEnv({ ALLOW_PRIVATE_ENDPOINTS: "1", WEBHOOK_RETRY_BASE_MS: "20", WEBHOOK_MAX_ATTEMPTS: "3" });
      const { id } = await endpoint();
      receiver.answers = [{ status: 500 }, { status: 502 }, { status: 503 }];
      const messageId = await testEvent(id);
      const done = await settled(messageId);
      expect(done).toMatchObject({ status: "failed", attempts: 3, responseStatus: 503 });
      const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
      expect(row.disabledAt).not.toBeNull();
      const mails = await waitFor(async () => {
        const got = mailsTo(smtp.received, owner.email);
        return got.length > 0 ? got : null;
      });
      expect(decoded(mails[0]!.raw)).toContain(`Webhook endpoint disabled: ${receiver.url}`);
      // A disabled endpoint gets nothing more.
      const next = await testEvent(id);
      expect(await deliverWebhookMessage(owner.workspaceId, next)).toEqual({ result: "gone" });
      expect(receiver.received).toHaveLength(3);
    } finally {
      useSmtp(undefined);
      await smtp.close();
    }
  });

  it("waits as long as a 429's Retry-After asks, not the shorter backoff", async () => {
    const { id } = await endpoint();
    receiver.answers = [{ status: 429, headers: { "retry-after": "3600" } }];
    const messageId = await testEvent(id);
    const waiting = await waitFor(async () => {
      const m = await db.webhookMessage.findUniqueOrThrow({ where: { id: messageId } });
      return m.attempts === 1 ? m : null;
    });
    expect(waiting.status).toBe("pending");
    expect(waiting.responseStatus).toBe(429);
    const delay = waiting.nextAttemptAt!.getTime() - waiting.lastAttemptAt!.getTime() - waiting.durationMs!;
    expect(delay).toBe(3_600_000);
    expect(receiver.received).toHaveLength(1);
  });

  it("refuses a private address at delivery time when the operator does not allow it", async () => {
    const { id } = await endpoint();
    withEnv({ ALLOW_PRIVATE_ENDPOINTS: "0", ALLOW_PRIVATE_MODEL_ENDPOINTS: "0", WEBHOOK_RETRY_BASE_MS: "20" });
    const messageId = await testEvent(id);
    const done = await settled(messageId);
    expect(done.status).toBe("failed");
    expect(done.attempts).toBe(1);
    expect(done.responseExcerpt).toMatch(/private, loopback or link-local/);
    expect(receiver.received).toHaveLength(0);
  });

  it("signs with the old and the new secret for a while after a rotation", async () => {
    const { id, secret: old } = await endpoint();
    const rotated = await call(rotate, apiRequest("POST", `/api/v1/webhook-endpoints/${id}/rotate`, auth()), { id });
    receiver.secrets = [old];
    await settled(await testEvent(id));
    receiver.secrets = [rotated.body.secret];
    await settled(await testEvent(id));
    expect(receiver.received.map((r) => r.verifiedBy)).toEqual([0, 0]);
    expect(String(receiver.received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
  });

  it("tells endpoints a run started, each step completed and the run completed, in order", async () => {
    const { id } = await endpoint(["run.started", "step.completed", "run.completed", "run.failed"]);
    // An endpoint that listens for something else hears nothing of this run.
    const quiet = await call(
      create,
      apiRequest("POST", "/api/v1/webhook-endpoints", auth(), { url: receiver.url, events: ["budget.exceeded"] }),
    );
    const { run } = await makeRun({ workspaceId: owner.workspaceId, crew: THREE_AGENTS });
    await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId: owner.workspaceId } });
    expect((await waitForRun(run.id)).status).toBe("completed");
    const messages = await waitFor(async () => {
      const rows = await db.webhookMessage.findMany({ where: { endpointId: id }, orderBy: { createdAt: "asc" } });
      return rows.length === 5 && rows.every((m) => m.status === "delivered") ? rows : null;
    });
    expect(messages.map((m) => m.eventType)).toEqual([
      "run.started",
      "step.completed",
      "step.completed",
      "step.completed",
      "run.completed",
    ]);
    const bodies = receiver.received.map((r) => r.verified as { type: string; data: Record<string, unknown> });
    expect(receiver.received.every((r) => r.verifiedBy === 0)).toBe(true);
    expect(bodies.map((b) => b.type)).toEqual(messages.map((m) => m.eventType));
    expect(bodies.at(-1)!.data).toMatchObject({ runId: run.id, status: "completed", workspaceId: owner.workspaceId });
    expect(bodies[1]!.data).toMatchObject({ runId: run.id, stepIndex: 0, role: "planner" });
    expect(await db.webhookMessage.count({ where: { endpointId: quiet.body.id } })).toBe(0);
  });

  it("tells endpoints of the workspace's own bus events: emitted through the API, by a step's emits, by a hook", async () => {
    await makeEventType(owner, "Ticket", { title: "str" });
    await makeEventType(owner, "Triaged", { summary: "str" });
    await createWorkflowOk(owner, onEvent("Triage", "Ticket", { output: { summary: "str" }, emits: "Triaged" }));
    const { id } = await endpoint(["event.Ticket", "event.Triaged"]);
    const quiet = await call(
      create,
      apiRequest("POST", "/api/v1/webhook-endpoints", auth(), { url: receiver.url, events: ["event.Triaged"] }),
    );
    expect(quiet.status).toBe(201);

    const emitted = await emitEvent(owner, { name: "Ticket", data: { title: "Printer on fire" } });
    expect(emitted.status).toBe(202);
    const triage = await waitForRun(emitted.body.runs[0].id);
    expect(triage.status).toBe("completed");
    const messages = await waitFor(async () => {
      const rows = await db.webhookMessage.findMany({ where: { endpointId: id }, orderBy: { createdAt: "asc" } });
      return rows.length === 2 && rows.every((m) => m.status === "delivered") ? rows : null;
    });
    expect(messages.map((m) => m.eventType)).toEqual(["event.Ticket", "event.Triaged"]);
    const bodies = await waitFor(async () => {
      const mine = receiver.received.filter((r) => messages.some((m) => m.id === r.headers["webhook-id"]));
      return mine.length === 2 ? mine.map((r) => r.verified as { type: string; data: Record<string, unknown> }) : null;
    });
    const byType = Object.fromEntries(bodies.map((b) => [b.type, b.data]));
    expect(byType["event.Ticket"]).toEqual({
      workspaceId: owner.workspaceId,
      eventId: emitted.body.event.id,
      name: "Ticket",
      data: { title: "Printer on fire" },
      source: "api",
      sourceRunId: null,
      depth: 0,
      createdAt: emitted.body.event.createdAt,
    });
    expect(byType["event.Triaged"]).toMatchObject({
      name: "Triaged",
      data: triage.steps[0]!.data,
      source: "step",
      sourceRunId: triage.id,
      depth: 1,
    });
    // The endpoint listening for Triaged alone got that one.
    expect(
      (await db.webhookMessage.findMany({ where: { endpointId: quiet.body.id } })).map((m) => m.eventType),
    ).toEqual(["event.Triaged"]);

    // An event that arrives through the type's own incoming hook goes out the same way, signed for the endpoint.
    const typeId = (await db.eventType.findFirstOrThrow({ where: { workspaceId: owner.workspaceId, name: "Ticket" } }))
      .id;
    const hook = await call(
      rotateHook,
      apiRequest("POST", `/api/v1/event-types/${typeId}/webhook`, { token: owner.token }),
      { id: typeId },
    );
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    const body = JSON.stringify({ title: "Toner low" });
    const hookPath = new URL(hook.body.url as string).pathname;
    const msgId = `msg_${randomUUID()}`;
    const at = new Date();
    const incoming = await call(
      receiveHook,
      new Request(`http://localhost${hookPath}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": msgId,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": new Webhook(hook.body.secret as string).sign(msgId, at, body),
        },
        body,
      }),
      { hookId: hookPath.split("/").pop()! },
    );
    expect(incoming.status, JSON.stringify(incoming.body)).toBe(202);
    const third = await waitFor(async () => {
      const rows = await db.webhookMessage.findMany({ where: { endpointId: id }, orderBy: { createdAt: "asc" } });
      return rows.length === 3 && rows[2]!.status === "delivered" ? rows[2]! : null;
    });
    expect(third.payload).toMatchObject({
      type: "event.Ticket",
      data: { name: "Ticket", data: { title: "Toner low" }, source: "webhook" },
    });
  });

  it("tells endpoints a run waits at an approval: its prompt, node, approvers and timeout, once", async () => {
    const { id } = await endpoint(["approval.requested"]);
    const workflowId = await createOk(
      owner,
      reviewed({ approvers: ["admin", "owner"], timeout: { after: "2h", then: "reject" } }),
    );
    const runId = await startRun(owner, workflowId);
    const message = await waitFor(async () => {
      const rows = await db.webhookMessage.findMany({ where: { endpointId: id } });
      return rows.length === 1 && rows[0]!.status === "delivered" ? rows[0]! : null;
    });
    expect(message.eventType).toBe("approval.requested");
    const body = receiver.received[0]!.verified as { type: string; data: Record<string, unknown> };
    expect(receiver.received[0]!.verifiedBy).toBe(0);
    expect(body.type).toBe("approval.requested");
    const review = await db.step.findFirstOrThrow({ where: { runId, nodeId: "review" } });
    const draft = await db.step.findFirstOrThrow({ where: { runId, nodeId: "draft" } });
    expect(body.data).toMatchObject({
      workspaceId: owner.workspaceId,
      runId,
      stepIndex: review.index,
      nodeId: "review",
      prompt: `Ship this? ${draft.output}`,
      approvers: ["admin", "owner"],
      timeout: { after: "2h", then: "reject" },
    });
    expect(new Date(String(body.data.expiresAt)).getTime()).toBeGreaterThan(Date.now());

    expect((await answerAs({ cookie: owner.cookie }, runId, { decision: "approved" })).status).toBe(200);
    expect((await runWhen(owner, runId, finished)).status).toBe("completed");
    expect(await db.webhookMessage.count({ where: { endpointId: id } })).toBe(1);
  });

  it("tells endpoints once that a run went over its budget, and that the run failed", async () => {
    const { id } = await endpoint(["budget.exceeded", "step.failed", "run.failed"]);
    const workflowId = await createOk(owner, {
      name: "Budgeted",
      model: "claude-sonnet-4-6",
      graph: {
        start: "a",
        nodes: ["a", "b", "c"].map((n) => ({ id: n, role: n, systemPrompt: "Write two paragraphs." })),
        edges: [
          { from: "a", to: "b" },
          { from: "b", to: "c" },
          { from: "c", to: "END" },
        ],
      },
    });
    const started = await call(
      createRun,
      apiRequest(
        "POST",
        `/api/v1/workflows/${workflowId}/runs`,
        { token: owner.token },
        {
          input: "Tea",
          budget: { spend: { usd: 0.000001 } },
        },
      ),
      { id: workflowId },
    );
    expect(started.status).toBe(202);
    const runId = started.body.id as string;
    expect((await waitForRun(runId)).status).toBe("failed");
    const messages = await waitFor(async () => {
      const rows = await db.webhookMessage.findMany({ where: { endpointId: id }, orderBy: { createdAt: "asc" } });
      return rows.some((m) => m.eventType === "run.failed") && rows.every((m) => m.status === "delivered")
        ? rows
        : null;
    });
    const types = messages.map((m) => m.eventType);
    expect(types.filter((t) => t === "budget.exceeded")).toHaveLength(1);
    expect(types.at(-1)).toBe("run.failed");
    const budget = receiver.received
      .map((r) => r.verified as { type: string; data: Record<string, unknown> })
      .find((b) => b.type === "budget.exceeded")!;
    expect(budget.data).toMatchObject({
      runId,
      reason: expect.stringMatching(/^Budget exceeded: run spend\.usd limit/),
    });
    const failed = receiver.received.map((r) => r.verified as { type: string; data: Record<string, unknown> }).at(-1)!;
    expect(failed.data).toMatchObject({ runId, status: "failed", errorCode: "budget_exceeded" });
  });
});
