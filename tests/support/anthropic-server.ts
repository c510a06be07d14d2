import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted reply: a status, an optional body (JSON) and headers. */
export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow model). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    system?: string;
    max_tokens: number;
    messages: { role: string; content: string | { type: string; [key: string]: unknown }[] }[];
    stream?: boolean;
    tools?: { name: string; description?: string; input_schema: unknown }[];
    tool_choice?: { type: string; name?: string };
  };
}

/** A Messages API success body with the given text and usage. */
export function messageReply(
  text: string,
  usage = { input_tokens: 12, output_tokens: 7 },
  model = "claude-sonnet-4-6",
): ScriptedReply {
  return {
    status: 200,
    body: {
      id: `msg_${Math.random().toString(36).slice(2, 12)}`,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage,
    },
  };
}

/** A Messages API success body calling the tool `name` with `input` (a forced tool_choice's answer). */
export function toolUseReply(
  input: unknown,
  name = "answer",
  usage = { input_tokens: 20, output_tokens: 10 },
  model = "claude-sonnet-4-6",
): ScriptedReply {
  return {
    status: 200,
    body: {
      id: `msg_${Math.random().toString(36).slice(2, 12)}`,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "tool_use", id: `toolu_${Math.random().toString(36).slice(2, 12)}`, name, input }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage,
    },
  };
}

/** A Messages API error body, as the API sends it. */
export function errorReply(
  status: number,
  type: string,
  message: string,
  headers?: Record<string, string>,
): ScriptedReply {
  return { status, body: { type: "error", error: { type, message } }, headers };
}

interface StreamedMessage {
  id: string;
  model: string;
  content: ({ type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown })[];
  stop_reason: string;
  usage: { input_tokens: number; output_tokens: number };
}

/**
 * A Messages API body as the server-sent events of a streamed reply: text
 * blocks arrive in pieces of a few characters, tool input as JSON deltas.
 */
export function messageEvents(message: StreamedMessage): string[] {
  const event = (type: string, data: unknown) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...(data as object) })}\n\n`;
  const out = [
    event("message_start", {
      message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 0 } },
    }),
  ];
  message.content.forEach((block, index) => {
    if (block.type === "text") {
      out.push(event("content_block_start", { index, content_block: { type: "text", text: "" } }));
      for (let i = 0; i < block.text.length; i += 5) {
        out.push(
          event("content_block_delta", { index, delta: { type: "text_delta", text: block.text.slice(i, i + 5) } }),
        );
      }
    } else {
      out.push(event("content_block_start", { index, content_block: { ...block, input: {} } }));
      out.push(
        event("content_block_delta", {
          index,
          delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
        }),
      );
    }
    out.push(event("content_block_stop", { index }));
  });
  out.push(
    event("message_delta", {
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: message.usage.output_tokens },
    }),
  );
  out.push(event("message_stop", {}));
  return out;
}

/** The API key a recorded request carried, whichever header it came in. */
export function apiKeyOf(req: RecordedRequest): string | undefined {
  const bearer = req.headers.authorization?.replace(/^Bearer /, "");
  return (req.headers["x-api-key"] as string | undefined) ?? bearer;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Queue replies; when the queue is empty, `fallback` answers. */
  enqueue(...replies: ScriptedReply[]): void;
  fallback: (req: RecordedRequest) => ScriptedReply;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 (ephemeral port) speaking the Anthropic
 * Messages API wire format (POST /v1/messages), so the real SDK is exercised:
 * its request building, error classes and usage fields.
 */
export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const fake: FakeAnthropic = {
    url: "",
    requests,
    enqueue: (...r) => queue.push(...r),
    fallback: (req) =>
      messageReply(`echo: ${req.body.messages.at(-1)?.content ?? ""}`.slice(0, 200), undefined, req.body.model),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Requests still waiting on a delayed reply need not hold the close up.
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    let streaming = false;
    req.on("end", () => {
      const send = (reply: ScriptedReply) => {
        if (reply.delayMs) {
          const timer = setTimeout(() => send({ ...reply, delayMs: 0 }), reply.delayMs);
          // A client that gave up closes the connection: nobody is left to answer.
          res.on("close", () => clearTimeout(timer));
          return;
        }
        if (res.destroyed) return;
        if (streaming && reply.status === 200) {
          res.writeHead(200, { "content-type": "text/event-stream", "request-id": `req_${requests.length}` });
          res.end(messageEvents(reply.body as StreamedMessage).join(""));
          return;
        }
        res.writeHead(reply.status, {
          "content-type": "application/json",
          "request-id": `req_${requests.length}`,
          ...reply.headers,
        });
        res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
      };
      if (req.method !== "POST" || req.url?.split("?")[0] !== "/v1/messages") {
        send(errorReply(404, "not_found_error", `No route for ${req.method} ${req.url}`));
        return;
      }
      // The SDK sends the key as x-api-key or, in newer API versions, as a bearer token.
      if (!req.headers["x-api-key"] && !req.headers.authorization?.startsWith("Bearer ")) {
        send(errorReply(401, "authentication_error", "An API key is required"));
        return;
      }
      let body: RecordedRequest["body"];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedRequest["body"];
      } catch {
        send(errorReply(400, "invalid_request_error", "Request body is not valid JSON"));
        return;
      }
      streaming = body.stream === true;
      const recorded = { method: req.method, path: req.url, headers: req.headers, body };
      requests.push(recorded);
      send(queue.shift() ?? fake.fallback(recorded));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
