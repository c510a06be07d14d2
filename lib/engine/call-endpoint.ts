import "server-only";
import { canonicalJson, signatureHeader } from "./signing";

type Handler = (req: Request) => Promise<Response>;

/**
 * The app's serve endpoint (app/api/inngest: the SDK's `serve` handler), called
 * in-process with a `Request`, exactly as an Inngest server calls it over HTTP.
 */
export interface Endpoint {
  url: string;
  handlers: { POST: Handler; PUT: Handler };
  /** INNGEST_SIGNING_KEY: when set, every call is signed as Inngest signs it. */
  signingKey?: string;
}

/** A journaled step result, as the protocol carries it in `steps`. */
export type StepResult = { type: "data"; data: unknown } | { type: "error"; error: unknown };

/** One operation the SDK reports (opcodes of the SDK spec). */
export interface Op {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
}

export type Outcome =
  /** The function returned (200). */
  | { kind: "complete"; data: unknown }
  /** The function reported steps (206): a step ran, or steps are planned or waiting. */
  | { kind: "ops"; ops: Op[]; retriable: boolean }
  /** The function threw (4xx/5xx); `retriable` from the no-retry header. */
  | { kind: "error"; error: unknown; retriable: boolean };

export interface Call {
  fnId: string;
  /** A planned step to run (StepPlanned's id); otherwise the function runs until its next new step. */
  stepId?: string;
  runId: string;
  event: { name: string; id: string; data: unknown; ts: number };
  steps: Record<string, StepResult>;
  /** Step ids in the order they finished. */
  stack: string[];
  attempt: number;
  maxAttempts: number;
  /**
   * Let the SDK run the function's steps one after another in this call and
   * checkpoint each as it finishes (it does so when the call names the
   * function's internal id and queue item, asks for no particular step and is
   * a first attempt). Results arrive through the checkpoint API (local-api.ts).
   */
  checkpointing?: boolean;
  /** The queue item the SDK names in its checkpoints: the execution's claim. */
  queueItem?: string;
}

export async function sendToEndpoint(
  endpoint: Endpoint,
  method: "POST" | "PUT",
  query: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const text = canonicalJson(body);
  const signed: Record<string, string> = endpoint.signingKey
    ? { "X-Inngest-Signature": signatureHeader(text, endpoint.signingKey) }
    : {};
  const req = new Request(`${endpoint.url}${query}`, {
    method,
    headers: { "Content-Type": "application/json", ...signed, ...headers },
    body: text,
  });
  return endpoint.handlers[method](req);
}

/** One execution request of the SDK's HTTP protocol (version 2). */
export async function callFunction(endpoint: Endpoint, call: Call): Promise<Outcome> {
  const query = `?fnId=${encodeURIComponent(call.fnId)}&stepId=${encodeURIComponent(call.stepId ?? "step")}`;
  const res = await sendToEndpoint(
    endpoint,
    "POST",
    query,
    {
      event: call.event,
      events: [call.event],
      steps: call.steps,
      ctx: {
        ...(call.checkpointing ? { fn_id: call.fnId, qi_id: call.queueItem ?? call.runId } : {}),
        run_id: call.runId,
        attempt: call.attempt,
        max_attempts: call.maxAttempts,
        stack: { stack: call.stack, current: call.stack.length },
      },
      version: 2,
    },
    { "X-Inngest-Req-Version": "2" },
  );
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  const retriable = res.headers.get("X-Inngest-No-Retry") !== "true";
  if (res.status === 200) return { kind: "complete", data: body };
  if (res.status === 206) return { kind: "ops", ops: body as Op[], retriable };
  return { kind: "error", error: body, retriable };
}

/** The message of a serialised error (`{ name, message, stack }`), for logs and the job row. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return typeof error === "string" ? error : JSON.stringify(error);
}
