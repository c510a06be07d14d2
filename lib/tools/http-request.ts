import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { z } from "zod";
import { resolvePublic, type ResolvedAddress } from "./check-address";
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
  /** Sent as `Authorization: Bearer …` (an `http` credential), to the first host only. */
  bearer?: string;
  timeoutMs: number;
  maxBytes: number;
  /**
   * Which non-public addresses may be reached anyway: none by default, all
   * with ALLOW_PRIVATE_TOOL_ENDPOINTS=1 (local test servers).
   */
  allowPrivate?: (address: string) => boolean;
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

export function hostAllowed(hostname: string, allowlist: string[]): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return allowlist.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith("*.") ? host.endsWith(e.slice(1)) : host === e;
  });
}

function checkUrl(raw: string, allowlist: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ToolError(`Not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ToolError("Use an http or https URL");
  if (url.username || url.password) throw new ToolError("Put credentials in headers, not in the URL");
  if (!hostAllowed(url.hostname, allowlist)) {
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

/** One request, connected only to the addresses checked before it (no second, unchecked DNS answer). */
function send(
  url: URL,
  addresses: ResolvedAddress[],
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Hop> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.request(url, { method, headers, lookup: pinned, signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => {
        resolve({
          status: res.statusCode ?? 0,
          location: typeof res.headers.location === "string" ? res.headers.location : null,
          contentType: res.headers["content-type"] ?? null,
          body: Buffer.concat(chunks).toString("utf8"),
          truncated,
        });
      };
      res.on("data", (chunk: Buffer) => {
        if (truncated) return;
        const room = maxBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = maxBytes;
          truncated = true;
          // The cap is reached: stop reading instead of downloading the rest.
          res.destroy();
          done();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", done);
      res.on("error", (err) => (truncated ? undefined : reject(err)));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const first = checkUrl(input.url, options.allowlist);
  let url = first;
  let method: string = input.method;
  let body = input.body;
  const baseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) baseHeaders[name] = value;
  }
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await resolvePublic(url.hostname, options.allowPrivate ?? (() => false));
      const headers = { ...baseHeaders };
      // The credential goes to the host the agent named, never to where it redirects.
      if (options.bearer && url.host === first.host) headers.authorization = `Bearer ${options.bearer}`;
      if (url.host !== first.host) {
        for (const name of Object.keys(headers)) if (name.toLowerCase() === "authorization") delete headers[name];
      }
      const res = await send(url, addresses, method, headers, body, options.maxBytes, controller.signal);
      if (!REDIRECTS.has(res.status) || !res.location) {
        return {
          status: res.status,
          contentType: res.contentType,
          body: res.body,
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
    if (controller.signal.aborted) throw new ToolError(`http_request timed out after ${options.timeoutMs} ms`);
    throw new ToolError(`http_request failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
