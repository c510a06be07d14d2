import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/lib/env";
import { complete } from "./complete";
import { ModelTimeoutError, PermanentModelError, TransientModelError } from "./errors";
import { localProvider } from "./local-provider";
import { registerLocalResponder } from "./local-responders";
import { estimateCost, priceOf } from "./prices";
import { parseDirectives, SIMULATED_RETRY_AFTER_MS } from "./simulate";
import { MAX_SIMULATED_CHARS, MAX_SIMULATED_SLOW_MS } from "./simulate-limits";
import { countTokens } from "./tokens";

const base = {
  model: "claude-sonnet-4-6",
  messages: [{ role: "user" as const, content: "Launch plan for a tea shop in Leeds" }],
};
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe("local provider", () => {
  it("answers with exactly N characters under [[simulate:chars:N]]", async () => {
    const long = await localProvider.call({ ...base, system: "You are the writer. [[simulate:chars:4096]]" });
    expect(long.text).toHaveLength(4096);
    expect(long.text.startsWith("[simulated claude-sonnet-4-6] ")).toBe(true);
    expect(long.outputTokens).toBe(countTokens(long.text));
    const short = await localProvider.call({ ...base, system: "[[simulate:chars:12]]" });
    expect(short.text).toBe("[simulated c");
  });

  it("caps [[simulate:chars:N]] and [[simulate:slow:MS]] at their limits, whatever the prompt asks", async () => {
    const huge = await localProvider.call({ ...base, system: "[[simulate:chars:500000000]]" });
    expect(huge.text).toHaveLength(MAX_SIMULATED_CHARS);
    expect(parseDirectives("[[simulate:chars:99999999999999999999999]]").chars).toBe(MAX_SIMULATED_CHARS);
    expect(parseDirectives("[[simulate:slow:86400000]]").slowMs).toBe(MAX_SIMULATED_SLOW_MS);
    expect(parseDirectives(`[[simulate:chars:${MAX_SIMULATED_CHARS}]]`).chars).toBe(MAX_SIMULATED_CHARS);
  });

  it("is deterministic, marked as simulated, and counts tokens from the text", async () => {
    const req = { ...base, system: "You are the planner." };
    const a = await localProvider.call(req);
    const b = await localProvider.call(req);
    expect(a).toEqual(b);
    expect(a.simulated).toBe(true);
    expect(a.text.startsWith("[simulated claude-sonnet-4-6] ")).toBe(true);
    expect(a.outputTokens).toBe(countTokens(a.text));
    expect(a.inputTokens).toBe(countTokens(req.system) + countTokens(base.messages[0]!.content));
    const other = await localProvider.call({
      ...req,
      messages: [{ role: "user", content: "Something else entirely" }],
    });
    expect(other.text).not.toBe(a.text);
  });

  it("answers by role: a planner numbers steps, a writer builds on the transcript", async () => {
    const plan = await localProvider.call({ ...base, system: "x", role: "planner" });
    expect(plan.text).toMatch(/\n1\. .+\n2\. /);
    const transcript = `## Input\nTea shop launch\n\n## Output of step 1 (planner)\n${plan.text}`;
    const doc = await localProvider.call({
      model: "m",
      system: "You write the final document.",
      messages: [{ role: "user", content: transcript }],
    });
    expect(doc.text).toContain("# Tea shop launch");
    expect(doc.text).toContain("step 1 (planner): Plan for: Launch plan for a tea shop in Leeds");
  });

  it("lets a registered responder claim a request before the default answer", async () => {
    cleanups.push(
      registerLocalResponder({ id: "verdict", respond: (r) => (r.system.includes("reflect") ? "verdict: ok" : null) }),
    );
    expect((await localProvider.call({ ...base, system: "Please reflect." })).text).toBe(
      "[simulated claude-sonnet-4-6] verdict: ok",
    );
    expect((await localProvider.call({ ...base, system: "Plan it." })).text).not.toContain("verdict");
  });

  it("simulates permanent failures, transient failures and slowness from directives", async () => {
    expect(parseDirectives("a [[simulate:overloaded:2]] b [[simulate:slow:30]]")).toEqual({
      overloaded: 2,
      slowMs: 30,
    });
    const err = await localProvider.call({ ...base, system: "[[simulate:error]]" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentModelError);

    const flaky = { ...base, system: `[[simulate:overloaded:2]] ${Math.random()}` };
    const result = await complete(flaky, { retry: { baseMs: 1 }, provider: localProvider });
    expect(result.attempts).toBe(3);
    const gaveUp = await complete(
      { ...base, system: `[[simulate:overloaded:5]] ${Math.random()}` },
      { retry: { baseMs: 1, maxRetries: 1 }, provider: localProvider },
    ).catch((e: unknown) => e);
    expect(gaveUp).toBeInstanceOf(TransientModelError);
    expect((gaveUp as TransientModelError).attempts).toBe(2);
  });

  it("simulates a provider's rate limit: a 429 with Retry-After, N times, then an answer", async () => {
    expect(parseDirectives("[[simulate:rate_limit:2]]")).toEqual({ rateLimited: 2 });
    const limited = { ...base, system: `[[simulate:rate_limit:1]] ${Math.random()}` };
    const err = await localProvider.call(limited).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientModelError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: SIMULATED_RETRY_AFTER_MS });
    expect((await localProvider.call(limited)).text).toContain("[simulated claude-sonnet-4-6]");
  });
});

describe("local provider: the slow directive and the model timeout", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnv();
  });

  it("answers a slow request that stays under the timeout", async () => {
    const result = await localProvider.call({ ...base, system: "[[simulate:slow:5]]" }, { timeoutMs: 60_000 });
    expect(result.simulated).toBe(true);
  });

  it("caps [[simulate:slow:MS]] at the call's timeout: a transient timeout, retried, then failing", async () => {
    // Ten minutes of slowness would outlast the test; the 40 ms timeout ends each attempt.
    const slow = { ...base, system: `[[simulate:slow:600000]] ${Math.random()}` };
    const err = await complete(slow, {
      provider: localProvider,
      timeoutMs: 40,
      retry: { baseMs: 1, maxRetries: 2 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelTimeoutError);
    expect(err).toBeInstanceOf(TransientModelError);
    expect((err as ModelTimeoutError).attempts).toBe(3);
    expect((err as ModelTimeoutError).message).toBe("The model did not answer within 40 ms (MODEL_TIMEOUT_MS)");
  });

  it("takes the timeout from MODEL_TIMEOUT_MS", async () => {
    vi.stubEnv("MODEL_TIMEOUT_MS", "30");
    vi.stubEnv("MODEL_RETRY_BASE_MS", "1");
    vi.stubEnv("MODEL_MAX_RETRIES", "1");
    resetEnv();
    const direct = await localProvider.call({ ...base, system: "[[simulate:slow:600000]]" }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(ModelTimeoutError);
    expect((direct as ModelTimeoutError).timeoutMs).toBe(30);
    const viaComplete = await complete({ ...base, model: "any-model", system: "[[simulate:slow:600000]]" }).catch(
      (e: unknown) => e,
    );
    expect(viaComplete).toBeInstanceOf(ModelTimeoutError);
    expect((viaComplete as ModelTimeoutError).attempts).toBe(2);
  });

  it("ends an attempt at the timeout even when a provider ignores it", async () => {
    const hangs = { name: "local" as const, call: () => new Promise<never>(() => {}) };
    const err = await complete(
      { ...base, system: "x" },
      { provider: hangs, timeoutMs: 20, retry: { baseMs: 1, maxRetries: 1 } },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelTimeoutError);
    expect((err as ModelTimeoutError).attempts).toBe(2);
  });
});

describe("prices", () => {
  it("matches dated ids by prefix and prices unknown models at 0, saying so", () => {
    expect(priceOf("claude-3-5-haiku-20241022")).toEqual({ input: 0.8, output: 4 });
    expect(estimateCost("claude-sonnet-4-6", 1_000_000, 1_000_000)).toEqual({ usd: 18, priced: true });
    const unknown = estimateCost("gpt-5", 1000, 1000);
    expect(unknown.usd).toBe(0);
    expect(unknown.priced).toBe(false);
    expect(unknown.note).toContain("gpt-5");
  });
});

describe("local provider tool use", () => {
  const tools = [{ name: "lookup", description: "Look a word up", inputSchema: { properties: {} } }];
  const system = 'You are the researcher. [[simulate:tool:lookup:{"word":"tea"}]]';

  it("calls the tool named by [[simulate:tool:…]] once, then answers quoting its result", async () => {
    const first = await localProvider.call({ ...base, system, tools });
    expect(first.toolCalls).toEqual([{ id: "simtool_0_lookup", name: "lookup", input: { word: "tea" } }]);
    expect(first.text).toBe("");
    const second = await localProvider.call({
      ...base,
      system,
      tools,
      messages: [
        ...base.messages,
        { role: "assistant", content: "", toolCalls: first.toolCalls },
        { role: "user", content: "", toolResults: [{ toolCallId: "simtool_0_lookup", content: "a hot drink" }] },
      ],
    });
    expect(second.toolCalls).toBeUndefined();
    expect(second.text).toContain("Tool result simtool_0_lookup: a hot drink");
  });

  it("ignores the directive when the tool is not offered", async () => {
    const result = await localProvider.call({ ...base, system });
    expect(result.toolCalls).toBeUndefined();
    expect(result.text.startsWith("[simulated claude-sonnet-4-6]")).toBe(true);
  });

  it("emits its answer in chunks to onDelta", async () => {
    const deltas: string[] = [];
    const result = await localProvider.call(
      { ...base, system: "You are the planner." },
      { onDelta: (t) => deltas.push(t) },
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(result.text);
  });
});
