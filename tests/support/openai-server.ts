import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted reply: a status, an optional body (JSON) and headers. */
export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedChatRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { type: string; function: { name: string; description?: string; parameters: unknown } }[];
    tool_choice?: unknown;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    max_tokens?: number;
    max_completion_tokens?: number;
  };
}

interface Completion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: {
    index: number;
    finish_reason: string;
    message: {
      role: "assistant";
      content: string | null;
      tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
    };
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

function completion(
  message: Completion["choices"][number]["message"],
  finish: string,
  usage: { prompt_tokens: number; completion_tokens: number },
  model: string,
): ScriptedReply {
  return {
    status: 200,
    body: {
      id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, finish_reason: finish, message }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    } satisfies Completion,
  };
}

/** A Chat Completions success with the given text and usage. */
export function chatReply(
  text: string,
  usage = { prompt_tokens: 11, completion_tokens: 5 },
  model = "gpt-4o",
): ScriptedReply {
  return completion({ role: "assistant", content: text }, "stop", usage, model);
}

/** A Chat Completions success calling the function `name` with `args`. */
export function chatToolReply(
  name: string,
  args: unknown,
  usage = { prompt_tokens: 20, completion_tokens: 9 },
  model = "gpt-4o",
): ScriptedReply {
  return completion(
    {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: `call_${Math.random().toString(36).slice(2, 10)}`,
          type: "function",
          function: { name, arguments: JSON.stringify(args) },
        },
      ],
    },
    "tool_calls",
    usage,
    model,
  );
}

/** An error body as the OpenAI API sends it. */
export function chatError(status: number, message: string, headers?: Record<string, string>): ScriptedReply {
  return { status, body: { error: { message, type: "invalid_request_error", param: null, code: null } }, headers };
}

/** A completion as the chunks a streamed reply sends: text in pieces, tool arguments split in two. */
function chunks(c: Completion, includeUsage: boolean): string[] {
  const base = { id: c.id, object: "chat.completion.chunk", created: c.created, model: c.model };
  const out: unknown[] = [];
  const message = c.choices[0]!.message;
  out.push({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  const text = message.content ?? "";
  for (let i = 0; i < text.length; i += 6) {
    out.push({ ...base, choices: [{ index: 0, delta: { content: text.slice(i, i + 6) }, finish_reason: null }] });
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    const half = Math.ceil(call.function.arguments.length / 2);
    out.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index,
                id: call.id,
                type: "function",
                function: { name: call.function.name, arguments: call.function.arguments.slice(0, half) },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    });
    out.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index, function: { arguments: call.function.arguments.slice(half) } }] },
          finish_reason: null,
        },
      ],
    });
  });
  out.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: c.choices[0]!.finish_reason }] });
  if (includeUsage) out.push({ ...base, choices: [], usage: c.usage });
  return [...out.map((o) => `data: ${JSON.stringify(o)}\n\n`), "data: [DONE]\n\n"];
}

export interface FakeOpenAI {
  /** The base URL the SDK takes (ends in /v1). */
  url: string;
  requests: RecordedChatRequest[];
  enqueue(...replies: ScriptedReply[]): void;
  fallback: (req: RecordedChatRequest) => ScriptedReply;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 speaking OpenAI Chat Completions
 * (POST /v1/chat/completions, plain and streamed), so the real `openai` SDK
 * is exercised: its request building, SSE parsing, error classes and usage.
 */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedChatRequest[] = [];
  const fake: FakeOpenAI = {
    url: "",
    requests,
    enqueue: (...r) => queue.push(...r),
    fallback: (req) =>
      chatReply(`echo: ${req.body.messages.at(-1)?.content ?? ""}`.slice(0, 200), undefined, req.body.model),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => {
      const send = (reply: ScriptedReply, stream = false) => {
        if (stream && reply.status === 200) {
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.end(chunks(reply.body as Completion, parsed?.stream_options?.include_usage === true).join(""));
          return;
        }
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
      };
      let parsed: RecordedChatRequest["body"] | undefined;
      if (req.method !== "POST" || req.url?.split("?")[0] !== "/v1/chat/completions") {
        send(chatError(404, `No route for ${req.method} ${req.url}`));
        return;
      }
      if (!req.headers.authorization?.startsWith("Bearer ")) {
        send(chatError(401, "You didn't provide an API key."));
        return;
      }
      try {
        parsed = JSON.parse(Buffer.concat(body).toString("utf8")) as RecordedChatRequest["body"];
      } catch {
        send(chatError(400, "We could not parse the JSON body of your request."));
        return;
      }
      const recorded = { path: req.url, headers: req.headers, body: parsed };
      requests.push(recorded);
      send(queue.shift() ?? fake.fallback(recorded), parsed.stream === true);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
