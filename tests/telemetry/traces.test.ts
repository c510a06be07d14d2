import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import { flushTraces } from "@/lib/telemetry/flush-traces";
import { stopTracing, tracing } from "@/lib/telemetry/tracer";
import { createOk, runToEnd } from "../graph/helpers";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "../support/otlp-receiver";

let user: TestUser;
let driver: Driver;
let receiver: OtlpReceiver;

const OTEL_VARS = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_PROTOCOL",
  "OTEL_EXPORTER_OTLP_HEADERS",
  "OTEL_SERVICE_NAME",
  "OTEL_EXPORTER_OTLP_TIMEOUT",
  "OTEL_CAPTURE_CONTENT",
];

/** Points the server's traces at `url` with these settings, as an operator's environment would. */
async function configure(vars: Record<string, string>) {
  await stopTracing();
  for (const name of OTEL_VARS) delete process.env[name];
  Object.assign(process.env, vars);
  resetEnv();
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  user = await makeUser("traces");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterEach(async () => {
  await configure({});
});

afterAll(async () => {
  await driver.stop();
  await receiver.close();
});

/** The run's spans, once its root (made as the run finishes) has reached the collector. */
async function traceOf(runId: string): Promise<{ root: ReceivedSpan; spans: ReceivedSpan[] }> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { traceId: true, traceSpanId: true } });
  for (let i = 0; i < 200; i++) {
    await flushTraces();
    const spans = receiver.spans.filter((s) => s.traceId === run.traceId);
    const root = spans.find((s) => s.spanId === run.traceSpanId);
    if (root) return { root, spans };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no invoke_workflow span for run ${runId}`);
}

const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) =>
  spans.filter((s) => s.parentSpanId === parent.spanId);
const op = (s: ReceivedSpan) => s.attributes["gen_ai.operation.name"];

describe("traces", () => {
  it("a crew run is one trace: invoke_workflow, an invoke_agent per step, a chat per model call (JSON, with headers)", async () => {
    await configure({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=secret%20one,x-team=llamas",
      OTEL_SERVICE_NAME: "loopllama-test",
    });
    const workflowId = await createOk(user, {
      name: "Two agents",
      model: "claude-sonnet-4-6",
      crew: [
        { role: "researcher", systemPrompt: "Find facts." },
        { role: "writer", systemPrompt: "Write it up.", model: "gpt-4o" },
      ],
    });
    const run = await runToEnd(user, workflowId, "Tea");
    expect(run.status).toBe("completed");
    const { root, spans } = await traceOf(run.id);

    expect(root).toMatchObject({ name: "invoke_workflow Two agents", parentSpanId: "", statusCode: 0 });
    expect(root.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_workflow",
      "loopllama.workspace.id": user.workspaceId,
      "loopllama.run.id": run.id,
      "loopllama.run.status": "completed",
      "gen_ai.usage.input_tokens": run.inputTokens,
      "gen_ai.usage.output_tokens": run.outputTokens,
    });
    expect(root.attributes["loopllama.cost.usd"]).toBeCloseTo(run.costUsd, 6);
    expect(root.resource["service.name"]).toBe("loopllama-test");

    const agents = childrenOf(spans, root);
    expect(agents.map((s) => [s.name, op(s), s.attributes["loopllama.step.index"]])).toEqual([
      ["invoke_agent researcher", "invoke_agent", 0],
      ["invoke_agent writer", "invoke_agent", 1],
    ]);
    for (const [i, agent] of agents.entries()) {
      const step = run.steps[i];
      expect(agent.attributes).toMatchObject({
        "gen_ai.agent.name": step.role,
        "gen_ai.usage.input_tokens": step.inputTokens,
        "gen_ai.usage.output_tokens": step.outputTokens,
        "loopllama.run.id": run.id,
      });
      expect(agent.attributes["loopllama.cost.usd"]).toBeCloseTo(step.costUsd, 6);
      const [chat, ...more] = childrenOf(spans, agent);
      expect(more).toEqual([]);
      expect(chat!.attributes).toMatchObject({
        "gen_ai.operation.name": "chat",
        "gen_ai.usage.input_tokens": step.inputTokens,
        "gen_ai.usage.output_tokens": step.outputTokens,
        "gen_ai.response.finish_reasons": ["stop"],
        "loopllama.workspace.id": user.workspaceId,
      });
      expect(chat!.attributes["loopllama.cost.usd"]).toBeCloseTo(step.costUsd, 6);
      // Without OTEL_CAPTURE_CONTENT=1 no prompt or answer leaves the server.
      expect(Object.keys(chat!.attributes).filter((k) => k.includes("messages") || k.includes("instructions"))).toEqual(
        [],
      );
    }
    expect(childrenOf(spans, agents[0]!)[0]!.attributes).toMatchObject({
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-sonnet-4-6",
    });
    expect(childrenOf(spans, agents[1]!)[0]!.attributes).toMatchObject({
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
    });
    expect(spans).toHaveLength(5);
    expect(receiver.requests.every((r) => r.contentType.includes("json"))).toBe(true);
    expect(receiver.requests.at(-1)!.headers).toMatchObject({ "x-api-key": "secret one", "x-team": "llamas" });
  }, 60_000);

  it("a graph run's route says a model chose it, and parallel branches are sibling spans (protobuf)", async () => {
    await configure({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" });
    const workflowId = await createOk(user, {
      name: "Triage and fan out",
      model: "claude-sonnet-4-6",
      graph: {
        start: "classify",
        nodes: [
          { id: "classify", role: "classifier", systemPrompt: "Reply billing or tech. [[simulate:reply:billing]]" },
          { id: "billing", role: "billing agent", systemPrompt: "Handle billing." },
          { id: "tech", role: "tech agent", systemPrompt: "Handle tech." },
          { id: "refund", role: "refunder", systemPrompt: "Refund." },
          { id: "notify", role: "notifier", systemPrompt: "Tell the customer." },
        ],
        edges: [
          { from: "classify", to: "billing", when: "billing" },
          { from: "classify", to: "tech", when: "tech" },
          { from: "billing", to: "refund" },
          { from: "billing", to: "notify" },
          { from: "refund", to: "END" },
          { from: "notify", to: "END" },
          { from: "tech", to: "END" },
        ],
      },
    });
    const run = await runToEnd(user, workflowId, "Charged twice");
    expect(run.status).toBe("completed");
    const { root, spans } = await traceOf(run.id);
    expect(receiver.requests.at(-1)!.contentType).toBe("application/x-protobuf");

    const agents = childrenOf(spans, root);
    const byNode = Object.fromEntries(agents.map((s) => [s.attributes["loopllama.node.id"], s.attributes]));
    expect(Object.keys(byNode).sort()).toEqual(["billing", "classify", "notify", "refund"]);
    expect(byNode.classify).toMatchObject({ "loopllama.branch.decided_by": "model", "loopllama.node.visit": 1 });
    expect(byNode.billing).toMatchObject({ "loopllama.branch.decided_by": "graph" });
    expect(byNode.refund).toMatchObject({ "loopllama.branch": "refund" });
    expect(byNode.notify).toMatchObject({ "loopllama.branch": "notify" });
    // The end nodes route nowhere: they carry no decision.
    expect(byNode.refund!["loopllama.branch.decided_by"]).toBeUndefined();
    for (const agent of agents) expect(childrenOf(spans, agent).map(op)).toEqual(["chat"]);
    expect(spans).toHaveLength(1 + 4 + 4);
  }, 60_000);

  it("a tool loop: the agent's span holds each model turn and the tool call between them, with content when asked", async () => {
    await configure({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_CAPTURE_CONTENT: "1",
    });
    const workflowId = await createOk(user, {
      name: "Looks it up",
      model: "claude-sonnet-4-6",
      crew: [
        {
          role: "researcher",
          systemPrompt: 'Look it up. [[simulate:tool:http_request:{"url":"http://example.com/tea"}]]',
          tools: ["http_request"],
        },
      ],
    });
    const run = await runToEnd(user, workflowId, "Tea");
    expect(run.status).toBe("completed");
    const { root, spans } = await traceOf(run.id);
    const [agent] = childrenOf(spans, root);
    const inside = childrenOf(spans, agent!).sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
    expect(inside.map((s) => s.name)).toEqual([
      "chat claude-sonnet-4-6",
      "execute_tool http_request",
      "chat claude-sonnet-4-6",
    ]);
    const [first, tool, second] = inside;
    expect(first!.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_call"]);
    expect(second!.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
    expect(tool!.attributes).toMatchObject({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "http_request",
      "loopllama.run.id": run.id,
    });
    // example.com is on no allowlist: the call is refused, and its span says so.
    expect(tool!.statusCode).toBe(2);
    expect(String(tool!.attributes["gen_ai.tool.call.arguments"])).toContain("http://example.com/tea");
    expect(typeof tool!.attributes["gen_ai.tool.call.result"]).toBe("string");
    expect(String(first!.attributes["gen_ai.system_instructions"])).toContain("Look it up.");
    expect(String(first!.attributes["gen_ai.input.messages"])).toContain("Tea");
    expect(String(second!.attributes["gen_ai.output.messages"])).toContain(run.steps[0].output.slice(0, 20));
    // The step's span covers its turns.
    expect(agent!.startNs <= first!.startNs && agent!.endNs >= second!.endNs).toBe(true);
    const turns = first!.attributes["gen_ai.usage.input_tokens"] as number;
    expect(agent!.attributes["gen_ai.usage.input_tokens"]).toBe(
      turns + (second!.attributes["gen_ai.usage.input_tokens"] as number),
    );
  }, 60_000);

  it("a failed step: its chat, its agent and the run end as errors naming the model's error", async () => {
    await configure({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const workflowId = await createOk(user, {
      name: "Fails",
      model: "claude-sonnet-4-6",
      crew: [
        { role: "researcher", systemPrompt: "Find facts. [[simulate:error:the model refused]]" },
        { role: "writer", systemPrompt: "Write it up." },
      ],
    });
    const run = await runToEnd(user, workflowId, "Tea");
    expect(run.status).toBe("failed");
    const { root, spans } = await traceOf(run.id);
    expect(root).toMatchObject({ statusCode: 2 });
    expect(root.attributes["loopllama.run.status"]).toBe("failed");
    // The writer never ran: only the failed step has a span.
    const [agent, ...others] = childrenOf(spans, root);
    expect(others).toEqual([]);
    expect(agent).toMatchObject({ statusCode: 2, statusMessage: expect.stringContaining("the model refused") });
    expect(agent!.attributes).toMatchObject({ "loopllama.step.status": "failed", "error.type": "step_failed" });
    const [chat] = childrenOf(spans, agent!);
    expect(chat).toMatchObject({ statusCode: 2, statusMessage: expect.stringContaining("the model refused") });
    expect(chat!.attributes["error.type"]).toEqual(expect.any(String));
  }, 60_000);

  it("each run has its own trace and root span ids, stored at creation", async () => {
    const workflowId = await createOk(user, { name: "Plain", crew: [{ role: "a", systemPrompt: "Hi." }] });
    const [a, b] = await Promise.all([runToEnd(user, workflowId, "1"), runToEnd(user, workflowId, "2")]);
    const rows = await db.run.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { traceId: true, traceSpanId: true },
    });
    for (const row of rows) {
      expect(row.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(row.traceSpanId).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(rows[0]!.traceId).not.toBe(rows[1]!.traceId);
  }, 60_000);

  it("an API request is a server span, and the run it starts links to it from its own trace", async () => {
    await configure({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const workflowId = await createOk(user, { name: "Linked", crew: [{ role: "a", systemPrompt: "Hi." }] });
    const run = await runToEnd(user, workflowId, "Tea");
    expect(run.status).toBe("completed");
    const { root } = await traceOf(run.id);
    const stored = await db.run.findUniqueOrThrow({
      where: { id: run.id },
      select: { requestTraceId: true, requestSpanId: true },
    });

    const requests = receiver.spans.filter((s) => s.name === "POST /api/v1/workflows/{id}/runs");
    const request = requests.find((s) => s.spanId === stored.requestSpanId);
    expect(request).toMatchObject({ traceId: stored.requestTraceId, parentSpanId: "", kind: 2, statusCode: 0 });
    expect(request!.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/api/v1/workflows/{id}/runs",
      "url.path": `/api/v1/workflows/${workflowId}/runs`,
      "http.response.status_code": 202,
      "loopllama.workspace.id": user.workspaceId,
    });
    // The run keeps its own trace (one tree across crashes and retries) and links to the request that started it.
    expect(root.parentSpanId).toBe("");
    expect(root.traceId).not.toBe(request!.traceId);
    expect(root.links).toEqual([
      { traceId: request!.traceId, spanId: request!.spanId, attributes: { "loopllama.link.type": "started_by" } },
    ]);
    // A caller that sends its own trace context gets the request span in its trace.
    const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const traced = await call(
      getRun,
      apiRequest("GET", `/api/v1/runs/${run.id}`, { token: user.token }, undefined, {
        traceparent: `00-${callerTrace}-00f067aa0ba902b7-01`,
      }),
      { id: run.id },
    );
    expect(traced.status).toBe(200);
    await flushTraces();
    expect(receiver.spans.find((s) => s.traceId === callerTrace)).toMatchObject({
      name: "GET /api/v1/runs/{id}",
      parentSpanId: "00f067aa0ba902b7",
    });
    // One that asks not to be sampled is not obeyed: the request is still a span, in a trace of its own.
    const unsampledTrace = "5cf92f3577b34da6a3ce929d0e0e4737";
    const hidden = await call(
      getRun,
      apiRequest("GET", `/api/v1/runs/${run.id}`, { token: user.token }, undefined, {
        traceparent: `00-${unsampledTrace}-00f067aa0ba902b7-00`,
        "user-agent": "unsampled-caller",
      }),
      { id: run.id },
    );
    expect(hidden.status).toBe(200);
    await flushTraces();
    expect(receiver.spans.some((s) => s.traceId === unsampledTrace)).toBe(false);
    expect(receiver.spans.find((s) => s.attributes["user_agent.original"] === "unsampled-caller")).toMatchObject({
      name: "GET /api/v1/runs/{id}",
      parentSpanId: "",
    });
    // Every request is a span, whatever it answers: the polls that read the run, and one for another workspace's run.
    expect(
      receiver.spans.some(
        (s) => s.name === "GET /api/v1/runs/{id}" && s.attributes["url.path"] === `/api/v1/runs/${run.id}`,
      ),
    ).toBe(true);
    const other = await makeUser("traces-other");
    const missing = await call(getRun, apiRequest("GET", `/api/v1/runs/${run.id}`, { token: other.token }), {
      id: run.id,
    });
    expect(missing.status).toBe(404);
    await flushTraces();
    expect(
      receiver.spans.find(
        (s) => s.name === "GET /api/v1/runs/{id}" && s.attributes["loopllama.workspace.id"] === other.workspaceId,
      )?.attributes["http.response.status_code"],
    ).toBe(404);
  }, 60_000);

  it("a run another run starts (a workflow tool) is not linked to the request that started the first", async () => {
    await configure({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const helperId = await createOk(user, {
      name: "Helper",
      crew: [{ role: "helper", systemPrompt: "[[simulate:reply:child says hi]]" }],
    });
    const callerId = await createOk(user, {
      name: "Caller",
      crew: [
        {
          role: "caller",
          systemPrompt: `[[simulate:tool:workflow_${helperId}:{"input":"hello"}]]`,
          tools: [`workflow:${helperId}`],
        },
      ],
    });
    const parent = await runToEnd(user, callerId, "Go");
    expect(parent.status).toBe("completed");
    const rows = await db.run.findMany({
      where: { OR: [{ id: parent.id }, { idempotencyKey: { startsWith: `tool:${parent.id}:` } }] },
      select: { id: true, requestSpanId: true },
    });
    expect(rows).toHaveLength(2);
    const [started, child] = [rows.find((r) => r.id === parent.id)!, rows.find((r) => r.id !== parent.id)!];
    // The engine's work on the parent, woken by the request, is not part of it.
    expect(started.requestSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.requestSpanId).toBeNull();
  }, 60_000);

  it("with no endpoint nothing is set up or sent, and an unreachable collector fails no run", async () => {
    const before = receiver.requests.length;
    const workflowId = await createOk(user, { name: "Quiet", crew: [{ role: "a", systemPrompt: "Hi." }] });
    const quiet = await runToEnd(user, workflowId, "x");
    expect(quiet.status).toBe("completed");
    expect(tracing()).toBeNull();
    // No request span was made for the run to link to.
    expect(
      await db.run.findUniqueOrThrow({
        where: { id: quiet.id },
        select: { requestTraceId: true, requestSpanId: true },
      }),
    ).toEqual({ requestTraceId: null, requestSpanId: null });

    // A port nothing listens on: exports fail in the background, the run does not notice.
    const closed = await startOtlpReceiver();
    await closed.close();
    await configure({
      OTEL_EXPORTER_OTLP_ENDPOINT: closed.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_TIMEOUT: "1000",
    });
    const run = await runToEnd(user, workflowId, "y");
    expect(run.status).toBe("completed");
    expect(tracing()).not.toBeNull();
    await expect(flushTraces()).rejects.toThrow();
    expect(receiver.requests.length).toBe(before);
  }, 60_000);
});
