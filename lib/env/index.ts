import { createHmac } from "node:crypto";
import { z } from "zod";
import { envReader } from "./env-reader";

/**
 * Environment, read and validated once. Every variable has a default that makes
 * the embedded setup (local PostgreSQL, in-process engine, local model) work.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  // How long a query or transaction waits for a free connection before the request is answered 503.
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  // Bounds on every connection, so no query, lock wait or transaction a stalled process left open holds others up for long.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  APP_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(1).optional(),
  /** 32 bytes (64 hex digits or base64) that encrypt workspace credentials; see lib/credentials/key.ts. */
  CREDENTIALS_KEY: z.string().min(1).optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  /** GitHub's REST API, asked which emails of a signing-in account GitHub has verified. */
  GITHUB_API_URL: z.string().url().default("https://api.github.com"),
  /** How many proxies in front of the app append to X-Forwarded-For (0: none, the header is ignored). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Signs the client address scripts/serve.ts records on each request; it makes
   * a new one at every start (unset: no recorded address is trusted).
   */
  CLIENT_ADDRESS_KEY: z.string().min(32).optional(),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Sign-ups per hour across all clients, beyond each client address's first (see lib/auth/limit-sign-up.ts). */
  SIGNUP_MAX_PER_HOUR: z.coerce.number().int().positive().default(300),
  /** Invites one person may create in a UTC day, across all workspaces (revoked ones count). */
  INVITES_PER_INVITER_PER_DAY: z.coerce.number().int().positive().default(50),
  /** Invites one workspace may create in a UTC day, by all its members (revoked ones count). */
  INVITES_PER_WORKSPACE_PER_DAY: z.coerce.number().int().positive().default(100),
  // Execution engine and model providers (lib/engine, lib/models).
  INNGEST_DEV: z.string().min(1).optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  MODEL_PROVIDER: z.enum(["local", "anthropic"]).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** An OpenAI-compatible endpoint serving `openai` models instead of OpenAI's own (a gateway). */
  OPENAI_BASE_URL: z.string().url().optional(),
  /** Ollama's OpenAI-compatible endpoint; setting it makes `ollama` models served (default URL below). */
  OLLAMA_BASE_URL: z.string().url().optional(),
  /** 1 lets model endpoints (a model's baseUrl) be private or loopback addresses (ALLOW_PRIVATE_ENDPOINTS=1 does too). */
  ALLOW_PRIVATE_MODEL_ENDPOINTS: z.enum(["0", "1"]).default("0"),
  /** 1 lets every endpoint a user names (webhook endpoints, model endpoints) be a private or loopback address. */
  ALLOW_PRIVATE_ENDPOINTS: z.enum(["0", "1"]).default("0"),
  MODEL_PRICES_JSON: z.string().min(1).optional(),
  MODEL_MAX_RETRIES: z.coerce.number().int().min(0).default(2),
  MODEL_RETRY_BASE_MS: z.coerce.number().int().min(0).default(500),
  MODEL_MAX_TOKENS: z.coerce.number().int().positive().default(4096),
  // setTimeout takes at most 2^31-1 ms; a day is far beyond any model call.
  MODEL_TIMEOUT_MS: z.coerce.number().int().positive().max(86_400_000).default(120_000),
  /** One model call's whole time, every attempt and backoff included: what it can hold an engine slot. */
  MODEL_CALL_DEADLINE_MS: z.coerce.number().int().positive().max(86_400_000).default(300_000),
  ENGINE_DISABLED: z.enum(["0", "1"]).default("0"),
  ENGINE_POLL_MS: z.coerce.number().int().positive().default(1000),
  ENGINE_LEASE_MS: z.coerce.number().int().positive().default(30_000),
  ENGINE_MAX_PARALLEL: z.coerce.number().int().positive().default(500),
  ENGINE_MAX_CRASHES: z.coerce.number().int().positive().default(3),
  ENGINE_RETRY_BASE_MS: z.coerce.number().int().min(0).default(1000),
  RUN_HEARTBEAT_MS: z.coerce.number().int().positive().default(10_000),
  RUN_STALE_MS: z.coerce.number().int().positive().default(120_000),
  // Agents' tools (lib/tools).
  /** Tool calls an agent may make inside one step before it must answer. */
  TOOL_MAX_CALLS: z.coerce.number().int().min(0).max(100).default(10),
  /** Limit of one tool call (an HTTP request, a workflow, an MCP call) in ms. */
  TOOL_TIMEOUT_MS: z.coerce.number().int().positive().max(86_400_000).default(30_000),
  /** http_request reads at most this many bytes of a response. */
  TOOL_MAX_RESPONSE_BYTES: z.coerce.number().int().positive().default(262_144),
  /** 1 lets tools reach private, loopback and link-local addresses (a local test server only). */
  ALLOW_PRIVATE_TOOL_ENDPOINTS: z.enum(["0", "1"]).default("0"),
  /** Run event streams one caller (a user or an API token) may hold open at once, per server process. */
  RUN_STREAMS_PER_CALLER: z.coerce.number().int().positive().default(20),
  /** Run event streams one workspace may hold open at once, across all server processes on one database. */
  RUN_STREAMS_PER_WORKSPACE: z.coerce.number().int().positive().default(100),
  /** How often a run event stream sends a heartbeat and checks that its caller may still read the run. */
  RUN_STREAM_HEARTBEAT_MS: z.coerce.number().int().positive().default(15_000),
  // Sandboxes (lib/sandboxes): where agents' code runs. Unset: no provider, and agents with a sandbox fail before their model is called.
  DAYTONA_API_KEY: z.string().min(1).optional(),
  DAYTONA_API_URL: z.string().url().default("https://app.daytona.io/api"),
  /**
   * More Daytona API URLs a workspace's daytona credential may name, comma-separated (a
   * self-hosted Daytona); besides these, only Daytona's own and DAYTONA_API_URL.
   */
  DAYTONA_ALLOWED_API_URLS: z.string().default(""),
  /** A sandbox a workflow's runs reuse (`reuse: workflow`) is deleted after this many minutes unused. */
  SANDBOX_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  // The event bus (lib/events).
  /** Emit hops a chain of events may take; an event deeper than this is stored with a note and starts no runs. */
  EVENT_MAX_DEPTH: z.coerce.number().int().min(0).max(1000).default(10),
  /**
   * Keys the audit log's chain of HMACs (lib/audit). Unset: derived from
   * NEXTAUTH_SECRET (or the development secret), so it needs no setting of its own.
   */
  AUDIT_LOG_KEY: z.string().min(32).optional(),
  /** Entries one audit log export (GET /api/v1/audit-log/export) may hold; more matching is refused, naming the count. */
  AUDIT_EXPORT_MAX_ROWS: z.coerce.number().int().positive().max(10_000_000).default(100_000),
  /**
   * Days audit entries are kept for every plan, over the plans' own (Free 30, Pro 365, Team 730);
   * 0 keeps each plan's. Older entries are pruned behind a signed checkpoint.
   */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  // Outgoing webhooks (lib/webhooks).
  /** Attempts of one webhook message (the first and its retries) before it is given up: about a day by default. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(18),
  /** The first retry's delay in ms; each later one doubles it, up to four hours. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(0).default(5000),
  /** Limit of one delivery attempt in ms. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(10_000),
  // Traces (lib/telemetry): made and exported only when an OTLP endpoint is set.
  /** An OTLP/HTTP collector's base URL (spans go to <url>/v1/traces); unset: no traces are made. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/protobuf", "http/json"]).default("http/protobuf"),
  /** Headers sent with each export, `key=value` pairs separated by commas (an API key for a hosted collector). */
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  /** How long one export may take before it is given up (its spans are dropped; runs never wait for it). */
  OTEL_EXPORTER_OTLP_TIMEOUT: z.coerce.number().int().positive().max(600_000).default(10_000),
  /** How long finished spans wait in the queue to be sent together, in ms. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().max(600_000).default(5000),
  OTEL_SERVICE_NAME: z.string().min(1).default("loopllama"),
  /** 1 adds prompts, answers, tool arguments and tool results to the spans. */
  OTEL_CAPTURE_CONTENT: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

const reader = envReader(schema, "environment");

export const env = (): Env => reader.read();

/** Makes the next `env()` read the environment again (tests that change it). */
export const resetEnv = (): void => reader.reset();

/** Whether endpoints users name may be private or loopback addresses: ALLOW_PRIVATE_ENDPOINTS=1, or its older alias. */
export function allowPrivateEndpoints(e: Env = env()): boolean {
  return e.ALLOW_PRIVATE_ENDPOINTS === "1" || e.ALLOW_PRIVATE_MODEL_ENDPOINTS === "1";
}

/** Whether tools, MCP servers and sandbox providers may be private or loopback addresses: ALLOW_PRIVATE_ENDPOINTS=1, or ALLOW_PRIVATE_TOOL_ENDPOINTS=1 for these alone. */
export function allowPrivateToolEndpoints(e: Env = env()): boolean {
  return e.ALLOW_PRIVATE_ENDPOINTS === "1" || e.ALLOW_PRIVATE_TOOL_ENDPOINTS === "1";
}

/** The audit log's HMAC key: AUDIT_LOG_KEY, or one derived from the auth secret. */
export function auditLogKey(): Buffer {
  const own = env().AUDIT_LOG_KEY;
  if (own) return Buffer.from(own, "utf8");
  return createHmac("sha256", authSecret()).update("loopllama:audit-log:v1").digest();
}

/** next-auth needs a secret; local development gets a fixed one, production must set it. */
export function authSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set in production");
  }
  return "loopllama-development-secret-not-for-production";
}
