import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server that speaks the parts of Stripe's API LoopLlama uses, so tests
 * drive the real `stripe` SDK over HTTP: form-encoded requests in, Stripe-shaped
 * JSON out. It records every request and can be told to fail the next ones.
 */

type Nested = { [key: string]: string | Nested | Nested[] | string[] };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Nested;
}

interface Failure {
  path: string;
  status: number;
  remaining: number;
  error: { type: string; message: string; code?: string };
}

/** `a[b][0][c]=1` → { a: { b: [ { c: "1" } ] } }, as Stripe reads form bodies. */
export function parseStripeForm(text: string): Nested {
  const root: Nested = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(8).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export interface StripeTestServer {
  url: string;
  requests: RecordedRequest[];
  /** Meter events accepted, one per identifier (as Stripe de-duplicates them). */
  meterEvents: Map<string, Nested>;
  /** Subscriptions as Stripe holds them now, served by `GET /v1/subscriptions/{id}`; tests set them. */
  subscriptions: Map<string, unknown>;
  /** Checkout sessions created, by id; a test marks one paid by setting its status to "complete". */
  sessions: Map<string, Record<string, unknown>>;
  /** Makes the next `times` requests to `path` fail with `status`. */
  failNext(path: string, status: number, times?: number, code?: string): void;
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startStripeServer(): Promise<StripeTestServer> {
  const requests: RecordedRequest[] = [];
  const meterEvents = new Map<string, Nested>();
  const failures: Failure[] = [];
  const customers = new Map<string, Nested>();
  const subscriptions = new Map<string, unknown>();
  const sessions = new Map<string, Record<string, unknown>>();

  const routes: Record<string, (body: Nested) => [number, unknown]> = {
    "POST /v1/customers": (body) => {
      const customer = {
        id: id("cus"),
        object: "customer",
        created: now(),
        email: body.email ?? null,
        name: body.name ?? null,
        metadata: body.metadata ?? {},
        livemode: false,
      };
      customers.set(customer.id, customer as unknown as Nested);
      return [200, customer];
    },
    "POST /v1/checkout/sessions": (body) => {
      const sessionId = id("cs");
      const result: [number, Record<string, unknown>] = [
        200,
        {
          id: sessionId,
          object: "checkout.session",
          mode: body.mode,
          customer: body.customer ?? null,
          client_reference_id: body.client_reference_id ?? null,
          metadata: body.metadata ?? {},
          success_url: body.success_url,
          cancel_url: body.cancel_url,
          status: "open",
          payment_status: "unpaid",
          expires_at: Number(body.expires_at ?? now() + 86_400),
          url: `https://checkout.stripe.test/c/pay/${sessionId}`,
          livemode: false,
          created: now(),
        },
      ];
      sessions.set(sessionId, result[1]);
      return result;
    },
    "POST /v1/billing_portal/sessions": (body) => {
      const sessionId = id("bps");
      return [
        200,
        {
          id: sessionId,
          object: "billing_portal.session",
          customer: body.customer,
          return_url: body.return_url ?? null,
          url: `https://billing.stripe.test/p/session/${sessionId}`,
          livemode: false,
          created: now(),
        },
      ];
    },
    "POST /v1/billing/meter_events": (body) => {
      const identifier = typeof body.identifier === "string" ? body.identifier : id("mev");
      if (meterEvents.has(identifier)) {
        return [
          400,
          {
            error: {
              type: "invalid_request_error",
              code: "resource_already_exists",
              message: `An event with identifier ${identifier} already exists.`,
            },
          },
        ];
      }
      meterEvents.set(identifier, body);
      return [
        200,
        {
          object: "billing.meter_event",
          created: now(),
          event_name: body.event_name,
          identifier,
          livemode: false,
          payload: body.payload,
          timestamp: Number(body.timestamp ?? now()),
        },
      ];
    },
  };

  /** GET a Checkout session, or expire it (only an open one, as Stripe allows). */
  const checkoutSession = (method: string, sessionId: string, expire: boolean): [number, unknown] => {
    const found = sessions.get(sessionId);
    if (!found) {
      return [
        404,
        {
          error: {
            type: "invalid_request_error",
            code: "resource_missing",
            message: `No such checkout.session: '${sessionId}'`,
          },
        },
      ];
    }
    if (!expire && method === "GET") return [200, found];
    if (expire && method === "POST") {
      if (found.status !== "open") {
        return [
          400,
          {
            error: {
              type: "invalid_request_error",
              message: "Only Checkout Sessions with a status in [open] can be expired.",
            },
          },
        ];
      }
      found.status = "expired";
      return [200, found];
    }
    return [405, { error: { type: "invalid_request_error", message: "Method not allowed." } }];
  };

  // Stripe replays the first response to a repeated Idempotency-Key.
  const idempotent = new Map<string, [number, unknown]>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const body = parseStripeForm(Buffer.concat(chunks).toString("utf8"));
      requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
      const send = ([status, payload]: [number, unknown]) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
        res.end(JSON.stringify(payload));
      };
      if (!String(req.headers.authorization ?? "").startsWith("Bearer sk_")) {
        return send([401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } }]);
      }
      const failure = failures.find((f) => f.path === path && f.remaining > 0);
      if (failure) {
        failure.remaining -= 1;
        // Errors are not stored under the idempotency key, like Stripe's 5xx.
        return send([failure.status, { error: failure.error }]);
      }
      const key = req.headers["idempotency-key"];
      const cacheKey = typeof key === "string" ? `${path} ${key}` : null;
      if (cacheKey && idempotent.has(cacheKey)) return send(idempotent.get(cacheKey)!);
      const route = routes[`${req.method} ${path}`];
      const subscriptionId = req.method === "GET" ? /^\/v1\/subscriptions\/([^/]+)$/.exec(path)?.[1] : undefined;
      const session = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
      const result: [number, unknown] = route
        ? route(body)
        : session
          ? checkoutSession(req.method ?? "GET", session[1]!, Boolean(session[2]))
          : subscriptionId
            ? subscriptions.has(subscriptionId)
              ? [200, subscriptions.get(subscriptionId)]
              : [
                  404,
                  {
                    error: {
                      type: "invalid_request_error",
                      code: "resource_missing",
                      message: `No such subscription: '${subscriptionId}'`,
                    },
                  },
                ]
            : [
                404,
                {
                  error: {
                    type: "invalid_request_error",
                    message: `Unrecognized request URL (${req.method}: ${path}).`,
                  },
                },
              ];
      if (cacheKey && result[0] < 500) idempotent.set(cacheKey, result);
      send(result);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    meterEvents,
    subscriptions,
    sessions,
    failNext(path, status, times = 1, code) {
      failures.push({
        path,
        status,
        remaining: times,
        error: {
          type: status >= 500 ? "api_error" : "invalid_request_error",
          message: status >= 500 ? "An unknown error occurred." : "No such customer.",
          ...(code ? { code } : {}),
        },
      });
    },
    requestsTo(p) {
      return requests.filter((r) => r.path === p);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
