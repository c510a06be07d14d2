import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  apiKeyOf,
  errorReply,
  messageReply,
  startFakeAnthropic,
  toolUseReply,
  type FakeAnthropic,
} from "@/tests/support/anthropic-server";
import { createAnthropicProvider } from "./anthropic-provider";
import { complete } from "./complete";
import { ModelTimeoutError, PermanentModelError, TransientModelError } from "./errors";
import type { ModelProvider } from "./types";

let server: FakeAnthropic;
let provider: ModelProvider;

beforeAll(async () => {
  server = await startFakeAnthropic();
  provider = createAnthropicProvider({ apiKey: "sk-ant-test", baseURL: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const req = {
  model: "claude-sonnet-4-6",
  system: "You are terse.",
  messages: [{ role: "user" as const, content: "Hi" }],
};

describe("Anthropic provider over the Messages API", () => {
  it("sends the request and returns the text with the API's usage", async () => {
    server.enqueue(messageReply("Hello there.", { input_tokens: 31, output_tokens: 4 }));
    const result = await complete({ ...req, maxTokens: 256 }, { provider });
    expect(result).toMatchObject({
      text: "Hello there.",
      inputTokens: 31,
      outputTokens: 4,
      simulated: false,
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(apiKeyOf(sent)).toBe("sk-ant-test");
    expect(sent.body).toMatchObject({
      model: "claude-sonnet-4-6",
      system: "You are terse.",
      max_tokens: 256,
      messages: req.messages,
    });
  });

  it("retries a 429 and succeeds on the second request", async () => {
    server.enqueue(
      errorReply(429, "rate_limit_error", "Number of requests has exceeded your rate limit"),
      messageReply("Second time lucky."),
    );
    const result = await complete(req, { provider, retry: { baseMs: 1 } });
    expect(result.text).toBe("Second time lucky.");
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("treats 529 overloaded as transient and gives up after the retries", async () => {
    server.enqueue(...Array.from({ length: 3 }, () => errorReply(529, "overloaded_error", "Overloaded")));
    const err = await complete(req, { provider, retry: { baseMs: 1, maxRetries: 2 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientModelError);
    expect((err as TransientModelError).message).toBe("Anthropic API 529: Overloaded");
    expect((err as TransientModelError).attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it("fails a 400 at once with the API's message", async () => {
    server.enqueue(errorReply(400, "invalid_request_error", "max_tokens: must be greater than or equal to 1"));
    const err = await complete(req, { provider, retry: { baseMs: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentModelError);
    expect((err as PermanentModelError).message).toBe(
      "Anthropic API 400: max_tokens: must be greater than or equal to 1",
    );
    expect((err as PermanentModelError).status).toBe(400);
    expect(server.requests).toHaveLength(1);
  });

  it("reports an unreachable server as transient", async () => {
    const dead = createAnthropicProvider({ apiKey: "k", baseURL: "http://127.0.0.1:9" });
    const err = await complete(req, { provider: dead, retry: { baseMs: 1, maxRetries: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientModelError);
    expect((err as TransientModelError).attempts).toBe(2);
  });

  it("times out a call the API does not answer in time, retries it, then fails naming the timeout", async () => {
    const slow = { ...messageReply("too late"), delayMs: 5_000 };
    server.enqueue(slow, slow, slow);
    const err = await complete(req, { provider, timeoutMs: 100, retry: { baseMs: 1, maxRetries: 2 } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ModelTimeoutError);
    expect((err as ModelTimeoutError).attempts).toBe(3);
    expect((err as ModelTimeoutError).message).toBe("The model did not answer within 100 ms (MODEL_TIMEOUT_MS)");
    expect(server.requests).toHaveLength(3);
  });

  it("answers a slow call that stays under the timeout", async () => {
    server.enqueue({ ...messageReply("in time"), delayMs: 20 });
    const result = await complete(req, { provider, timeoutMs: 10_000 });
    expect(result.text).toBe("in time");
  });

  it("sends [[simulate:…]] directives to the API as plain prompt text, never acting on them", async () => {
    server.enqueue(messageReply("A real answer."));
    const system = "[[simulate:error]] [[simulate:overloaded:3]] [[simulate:slow:600000]] You are terse.";
    const result = await complete({ ...req, system }, { provider, timeoutMs: 10_000, retry: { maxRetries: 0 } });
    expect(result).toMatchObject({ text: "A real answer.", simulated: false, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.system).toBe(system);
  });

  it("offers tools, returns the model's tool calls, and sends their results back as tool_result blocks", async () => {
    const tools = [
      {
        name: "http_request",
        description: "Fetch a URL",
        inputSchema: { properties: { url: { type: "string" } }, required: ["url"] },
      },
    ];
    server.enqueue(toolUseReply({ url: "https://example.com" }, "http_request"));
    const first = await complete({ ...req, tools }, { provider });
    expect(first.toolCalls).toEqual([
      { id: expect.any(String), name: "http_request", input: { url: "https://example.com" } },
    ]);
    expect(server.requests[0]!.body.tools).toEqual([
      { name: "http_request", description: "Fetch a URL", input_schema: { type: "object", ...tools[0]!.inputSchema } },
    ]);
    const call = first.toolCalls![0]!;
    server.enqueue(messageReply("The page says hello."));
    const second = await complete(
      {
        ...req,
        tools,
        messages: [
          ...req.messages,
          { role: "assistant", content: "", toolCalls: [call] },
          { role: "user", content: "", toolResults: [{ toolCallId: call.id, content: "hello" }] },
        ],
      },
      { provider },
    );
    expect(second.text).toBe("The page says hello.");
    expect(second.toolCalls).toBeUndefined();
    const sent = server.requests[1]!.body.messages;
    expect(sent[1]).toEqual({
      role: "assistant",
      content: [{ type: "tool_use", id: call.id, name: "http_request", input: call.input }],
    });
    expect(sent[2]).toEqual({
      role: "user",
      content: [{ type: "tool_result", tool_use_id: call.id, content: "hello" }],
    });
  });

  it("streams the answer's text to onDelta and returns the whole message with its usage", async () => {
    server.enqueue(messageReply("Streaming answers arrive in pieces.", { input_tokens: 9, output_tokens: 6 }));
    const deltas: string[] = [];
    const result = await complete(req, { provider, onDelta: (t) => deltas.push(t) });
    expect(server.requests[0]!.body.stream).toBe(true);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Streaming answers arrive in pieces.");
    expect(result).toMatchObject({ text: "Streaming answers arrive in pieces.", inputTokens: 9, outputTokens: 6 });
  });

  it("streams a tool call as one", async () => {
    server.enqueue(toolUseReply({ q: "tea" }, "search"));
    const result = await complete(
      {
        ...req,
        tools: [{ name: "search", description: "Search", inputSchema: { properties: { q: { type: "string" } } } }],
      },
      { provider, onDelta: () => undefined },
    );
    expect(result.toolCalls).toEqual([{ id: expect.any(String), name: "search", input: { q: "tea" } }]);
  });
});
