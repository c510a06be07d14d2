import { request, type Dispatcher } from "undici";
import { z } from "zod";
import { hostBindingProblem, hostMatches, type CredentialBinding } from "@/lib/credentials/binding";
import { redactSecret } from "@/lib/credentials/redact-secret";
import { blockedCause, guardedAgent, plainHttpAllowed, type OutboundPolicy } from "@/lib/outbound/guarded-agent";
import { ToolError } from "./errors";

export const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** What the model sends to `http_request`. */
export const httpRequestInput = z.object({
  method: z.enum(HTTP_METHODS).default("GET"),
  url: z.string().min(1).max(4000),
  headers: z.record(z.string(), z.string().max(8000)).optional(),
  body: z.string().max(1_000_000).optional(),
  /** A credential the step lists, sent as `Authorization: Bearer …` (resolved by the caller). */
  credentialId: z.string().max(64).optional(),
});
export type HttpRequestInput = z.input<typeof httpRequestInput>;

/** The tool's description and input schema, as offered to a model. */
export const HTTP_REQUEST_TOOL = {
  name: "http_request",
  description:
    "Make an HTTP request (GET, POST, PUT or DELETE) to a host on the workspace's allowlist and get the status, content type and body.",
  inputSchema: {
    type: "object",
    properties: {
      method: { type: "string", enum: [...HTTP_METHODS] },
      url: { type: "string", description: "An http or https URL whose host is on the allowlist" },
      headers: { type: "object", additionalProperties: { type: "string" } },
      body: { type: "string" },
      credentialId: {
        type: "string",
        description: "The id of a credential this agent lists, sent as a bearer token to the URL's host",
      },
    },
    required: ["url"],
  },
} as const;

export interface HttpRequestOptions {
  /** Host names the workspace allows (`api.example.com`, or `*.example.com` for its subdomains). */
  allowlist: string[];
  /**
   * An `http` credential, sent as `Authorization: Bearer …` only to the host the
   * agent named, only when that host is one it is bound to, and only over https.
   */
  bearer?: { secret: string; binding: CredentialBinding };
  timeoutMs: number;
  maxBytes: number;
  /** Non-public addresses that may be reached (ALLOW_PRIVATE_TOOL_ENDPOINTS=1: all; tests: their server's). */
  allowPrivate?: OutboundPolicy["allowPrivate"];
}

export interface HttpResult {
  status: number;
  contentType: string | null;
  body: string;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  /** The URL that answered, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Headers a caller may not set: they would break the request or hide where it goes.
const DROPPED_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding"]);

function checkUrl(raw: string, allowlist: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ToolError(`Not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ToolError("Use an http or https URL");
  if (url.username || url.password) throw new ToolError("Put credentials in headers, not in the URL");
  if (!hostMatches(url.hostname, allowlist)) {
    throw new ToolError(
      `${url.hostname} is not on the workspace's HTTP allowlist (${allowlist.length ? allowlist.join(", ") : "empty"})`,
    );
  }
  return url;
}

interface Hop {
  status: number;
  location: string | null;
  contentType: string | null;
  body: string;
  truncated: boolean;
}

function headerText(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? null) : null;
}

/** One request through the guarded Agent: every address it connects to is checked, and the body is read up to the cap. */
async function send(
  url: URL,
  policy: OutboundPolicy,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Hop> {
  const res = await request(url, {
    dispatcher: guardedAgent(policy),
    method: method as Dispatcher.HttpMethod,
    headers,
    body,
    signal,
  });
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    const room = maxBytes - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      truncated = true;
      // The cap is reached: stop reading instead of downloading the rest.
      res.body.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return {
    status: res.statusCode,
    location: headerText(res.headers.location),
    contentType: headerText(res.headers["content-type"]),
    body: Buffer.concat(chunks).toString("utf8"),
    truncated,
  };
}

/**
 * The `http_request` tool. The URL's host must be on the workspace's
 * allowlist, and every address it resolves to must be public (unless
 * `allowPrivate`); the connection goes to those checked addresses only.
 * Redirects are followed by hand, each hop checked again the same way. The
 * response body is read up to `maxBytes` and the whole call, redirects
 * included, is limited to `timeoutMs`. A non-2xx answer is a result, not an
 * error: the model sees the status.
 */
export async function httpRequest(raw: HttpRequestInput, options: HttpRequestOptions): Promise<HttpResult> {
  const parsed = httpRequestInput.safeParse(raw);
  if (!parsed.success) throw new ToolError(`Invalid http_request input: ${parsed.error.issues[0]?.message}`);
  const input = parsed.data;
  const first = checkUrl(input.url, options.allowlist);
  let url = first;
  let method: string = input.method;
  let body = input.body;
  const baseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) baseHeaders[name] = value;
  }
  const policy: OutboundPolicy = { purpose: "tools", allowPrivate: options.allowPrivate ?? false };
  if (options.bearer) {
    const problem = hostBindingProblem(options.bearer.binding, first.hostname);
    if (problem) throw new ToolError(problem);
    if (!plainHttpAllowed(first, policy)) throw new ToolError("A credential is only sent over https; use an https URL");
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      // Custom headers and the credential go to the host the agent named, never
      // to where it redirects; the credential never over plain http.
      const sameHost = url.host === first.host;
      const headers = sameHost ? { ...baseHeaders } : {};
      if (options.bearer && sameHost && plainHttpAllowed(url, policy)) {
        headers.authorization = `Bearer ${options.bearer.secret}`;
      }
      const res = await send(url, policy, method, headers, body, options.maxBytes, controller.signal);
      if (!REDIRECTS.has(res.status) || !res.location) {
        // A host that answers with the token it was sent does not get it into the record.
        return {
          status: res.status,
          contentType: res.contentType,
          body: redactSecret(res.body, options.bearer?.secret),
          truncated: res.truncated,
          url: url.href,
        };
      }
      if (hop + 1 > MAX_REDIRECTS) throw new ToolError(`More than ${MAX_REDIRECTS} redirects`);
      if (!URL.canParse(res.location, url)) throw new ToolError(`Redirected to an invalid URL: ${res.location}`);
      url = checkUrl(new URL(res.location, url).href, options.allowlist);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
    }
  } catch (err) {
    if (err instanceof ToolError) throw err;
    const blocked = blockedCause(err);
    if (blocked) throw new ToolError(blocked.message);
    if (controller.signal.aborted) throw new ToolError(`http_request timed out after ${options.timeoutMs} ms`);
    throw new ToolError(`http_request failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
