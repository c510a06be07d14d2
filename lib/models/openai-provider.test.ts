import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/lib/env";
import { chatError, chatReply, chatToolReply, startFakeOpenAI, type FakeOpenAI } from "@/tests/support/openai-server";
import { complete } from "./complete";
import { resolveChecked } from "@/lib/outbound/guarded-agent";
import { setResolver } from "@/lib/outbound/resolve";
import { ModelError, PermanentModelError } from "./errors";
import { estimateCost } from "./prices";
import { providerNameFor } from "./serving";
import type { ModelRequest } from "./types";

let server: FakeOpenAI;

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnv();
}

beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  withEnv({
    ANTHROPIC_API_KEY: undefined,
    MODEL_PROVIDER: undefined,
    OPENAI_API_KEY: "sk-openai-test",
    OPENAI_BASE_URL: server.url,
    OLLAMA_BASE_URL: undefined,
    ALLOW_PRIVATE_MODEL_ENDPOINTS: "1",
  });
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

const req: ModelRequest = {
  model: "gpt-4o",
  system: "You are terse.",
  messages: [{ role: "user", content: "Hi" }],
};
const fast = { retry: { baseMs: 1 } };

describe("OpenAI-compatible provider over Chat Completions", () => {
  it("sends the system prompt and turns, and returns the text with the API's usage and cost", async () => {
    server.enqueue(chatReply("Hello there.", { prompt_tokens: 30, completion_tokens: 4 }));
    const result = await complete(req, fast);
    expect(result).toMatchObject({
      text: "Hello there.",
      inputTokens: 30,
      outputTokens: 4,
      model: "gpt-4o",
      simulated: false,
    });
    const sent = server.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer sk-openai-test");
    expect(sent.body.messages).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Hi" },
    ]);
    expect(estimateCost("gpt-4o", 1_000_000, 0).priced).toBe(true);
  });

  it("streams text to onDelta, and takes the usage from the last chunk", async () => {
    server.enqueue(chatReply("Tokens arrive one piece at a time.", { prompt_tokens: 8, completion_tokens: 9 }));
    const deltas: string[] = [];
    const result = await complete(req, { ...fast, onDelta: (t) => deltas.push(t) });
    expect(server.requests[0]!.body.stream).toBe(true);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Tokens arrive one piece at a time.");
    expect(result).toMatchObject({ text: "Tokens arrive one piece at a time.", inputTokens: 8, outputTokens: 9 });
  });

  it("offers tools as functions, returns tool calls, and sends results back as tool messages", async () => {
    const tools = [{ name: "lookup", description: "Look up", inputSchema: { properties: { q: { type: "string" } } } }];
    server.enqueue(chatToolReply("lookup", { q: "tea" }));
    const first = await complete({ ...req, tools }, fast);
    expect(first.toolCalls).toEqual([{ id: expect.any(String), name: "lookup", input: { q: "tea" } }]);
    expect(server.requests[0]!.body.tools).toEqual([
      {
        type: "function",
        function: { name: "lookup", description: "Look up", parameters: { type: "object", ...tools[0]!.inputSchema } },
      },
    ]);
    const call = first.toolCalls![0]!;
    server.enqueue(chatReply("Tea is a drink."));
    const second = await complete(
      {
        ...req,
        tools,
        messages: [
          ...req.messages,
          { role: "assistant", content: "", toolCalls: [call] },
          { role: "user", content: "", toolResults: [{ toolCallId: call.id, content: "a drink" }] },
        ],
      },
      fast,
    );
    expect(second.text).toBe("Tea is a drink.");
    expect(server.requests[1]!.body.messages.slice(2)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: call.id, type: "function", function: { name: "lookup", arguments: '{"q":"tea"}' } }],
      },
      { role: "tool", tool_call_id: call.id, content: "a drink" },
    ]);
  });

  it("assembles a streamed tool call from its argument pieces", async () => {
    server.enqueue(chatToolReply("lookup", { q: "green tea", n: 2 }));
    const result = await complete(
      { ...req, tools: [{ name: "lookup", description: "Look up", inputSchema: {} }] },
      { ...fast, onDelta: () => undefined },
    );
    expect(result.toolCalls).toEqual([{ id: expect.any(String), name: "lookup", input: { q: "green tea", n: 2 } }]);
  });

  it("retries a 429 and succeeds on the second request", async () => {
    server.enqueue(chatError(429, "Rate limit reached", { "retry-after": "0" }), chatReply("after the wait"));
    const result = await complete(req, fast);
    expect(result.text).toBe("after the wait");
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("fails a 400 at once with the API's message", async () => {
    server.enqueue(chatError(400, "Invalid value for 'model'"));
    const err = await complete(req, fast).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentModelError);
    expect((err as PermanentModelError).message).toContain("400: Invalid value for 'model'");
    expect((err as PermanentModelError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("serves an ollama model and a gateway baseUrl through the same API, with the model's own credential", async () => {
    withEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, OLLAMA_BASE_URL: server.url });
    expect(providerNameFor("llama3:8b")).toBe("openai");
    server.enqueue(chatReply("from ollama", undefined, "llama3:8b"));
    const local = await complete({ ...req, model: "llama3:8b" }, fast);
    expect(local.text).toBe("from ollama");
    expect(server.requests[0]!.body.model).toBe("llama3:8b");

    const secrets: string[] = [];
    const credentials = {
      unlock: async (id: string) => {
        secrets.push(id);
        return {
          id,
          name: "gateway key",
          kind: "openai" as const,
          baseUrl: server.url,
          hosts: [],
          secret: "sk-workspace-key",
        };
      },
    };
    server.enqueue(chatReply("from the gateway"));
    const ref = { provider: "openai" as const, model: "gpt-4o-mini", baseUrl: server.url, credentialId: "cred_1" };
    const gateway = await complete({ ...req, model: ref.model, ref }, { ...fast, credentials });
    expect(gateway.text).toBe("from the gateway");
    expect(secrets).toEqual(["cred_1"]);
    expect(server.requests[1]!.headers.authorization).toBe("Bearer sk-workspace-key");
  });
});

describe("private model endpoints", () => {
  it("refuses a baseUrl on a loopback address at call time unless ALLOW_PRIVATE_MODEL_ENDPOINTS=1", async () => {
    withEnv({ ALLOW_PRIVATE_MODEL_ENDPOINTS: "0" });
    const ref = { provider: "openai" as const, model: "gpt-4o", baseUrl: server.url };
    const err = await complete({ ...req, ref }, fast).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentModelError);
    expect((err as Error).message).toMatch(/private, loopback or link-local address.*ALLOW_PRIVATE_MODEL_ENDPOINTS=1/);
    expect(server.requests).toHaveLength(0);
  });

  it("never follows a redirect from a member's endpoint (its target was never checked)", async () => {
    const redirector = createServer((_req, res) => {
      res.writeHead(307, { location: `${server.url}/chat/completions` });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/v1`;
      const ref = { provider: "openai" as const, model: "gpt-4o", baseUrl };
      const err = await complete({ ...req, ref }, { retry: { maxRetries: 0 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelError);
      expect(server.requests).toHaveLength(0);
    } finally {
      redirector.close();
    }
  });

  it("checks the address each connection goes to: a name answering public, then loopback, is refused (DNS rebinding)", async () => {
    withEnv({ ALLOW_PRIVATE_MODEL_ENDPOINTS: "0" });
    let answers = 0;
    // A hostile DNS server: public for the first question, loopback (TTL 0) for every later one.
    setResolver(async () => [{ address: answers++ === 0 ? "93.184.215.14" : "127.0.0.1", family: 4 }]);
    try {
      const policy = { purpose: "model endpoints", allowPrivate: false };
      expect(await resolveChecked("rebind.example", policy)).toEqual([{ address: "93.184.215.14", family: 4 }]);
      const port = new URL(server.url).port;
      const ref = { provider: "openai" as const, model: "gpt-4o", baseUrl: `http://rebind.example:${port}/v1` };
      const err = await complete({ ...req, ref }, fast).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentModelError);
      expect((err as Error).message).toMatch(/rebind\.example \(127\.0\.0\.1\) is a private, loopback or link-local/);
      expect(server.requests).toHaveLength(0);
    } finally {
      setResolver(undefined);
    }
    for (const baseUrl of ["http://169.254.169.254/v1", "http://[::1]:8080/v1", "http://10.1.2.3/v1"]) {
      const ref = { provider: "openai" as const, model: "gpt-4o", baseUrl };
      const err = await complete({ ...req, ref }, fast).catch((e: unknown) => e);
      expect((err as Error).message, baseUrl).toMatch(/private, loopback or link-local/);
    }
  });
});
