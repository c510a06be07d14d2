/**
 * API benchmark: builds and starts the production app on its own embedded
 * PostgreSQL with the local model provider, then measures with autocannon
 *   - GET /api/v1/runs/{id} of a finished 10-step run (50 connections),
 *   - POST /api/v1/workflows/{id}/runs (50 connections),
 *   - a burst of BENCH_BURST run requests sent at once to one workspace, printed
 *     as the count of answers of each status (all 202, or 429/503 with
 *     Retry-After when saturated; never another 5xx), then, once those runs have
 *     finished, their latency (created → finished) and start lag (created →
 *     started), median and p95,
 * and finally runs `bench:engine` for the engine's own time per step. A first
 * line measures a route that answers 401 before any query: the framework's own
 * ceiling on the machine, to read the other figures against.
 * Targets on a 2-core machine: GET ≥ 1,000 req/s with p99 ≤ 50 ms, POST ≥ 300
 * req/s, engine ≤ 5 ms per step. Figures are printed, never asserted.
 *
 * Env: BENCH_SKIP_BUILD=1 reuses the last build; BENCH_DURATION (s, default 10);
 * BENCH_CONNECTIONS (default 50); BENCH_PORT (default 3200); BENCH_BURST (default 400).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { medianP95 } from "./bench-stats";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BURST = Number(process.env.BENCH_BURST ?? 400);
const DIST_DIR = ".next-bench";
const TSCONFIG = "tsconfig.bench.generated.json";
const PASSWORD = "bench password 123";

const serverEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: String(PORT),
  NEXT_DIST_DIR: DIST_DIR,
  NEXT_TSCONFIG_PATH: TSCONFIG,
  EMBEDDED_PG_PORT: process.env.BENCH_PG_PORT ?? "5690",
  EMBEDDED_PG_DIR: ".data/postgres-bench",
  APP_URL: BASE,
  NEXTAUTH_URL: BASE,
  NEXTAUTH_SECRET: "bench-only-secret",
  CREDENTIALS_KEY: "bec0".repeat(16),
  MODEL_PROVIDER: "local",
  DATABASE_POOL_SIZE: "20",
  // The benchmark measures the API, not the plan's limits.
  PLAN_LIMITS_JSON: JSON.stringify({ free: { monthlySteps: 1e9, runsPerMinute: 1e9 } }),
  NEXT_TELEMETRY_DISABLED: "1",
};

function build() {
  writeFileSync(
    TSCONFIG,
    JSON.stringify({
      extends: "./tsconfig.json",
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", `${DIST_DIR}/types/**/*.ts`],
    }),
  );
  console.log("building the production app…");
  execFileSync("node_modules/.bin/next", ["build"], { env: serverEnv, stdio: "inherit" });
}

async function waitForServer(child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the server exited during start-up");
    try {
      if ((await fetch(`${BASE}/api/v1/openapi.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start within 2 minutes");
}

async function api<T>(path: string, init: RequestInit & { token?: string; cookie?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  // A cookie write must name this site as its Origin, as a browser would.
  if (init.cookie) {
    headers.set("cookie", init.cookie);
    headers.set("origin", BASE);
  }
  if (init.body) headers.set("content-type", "application/json");
  const res = await fetch(`${BASE}${path}`, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs up, signs in through next-auth's credentials endpoint and creates an API token. */
async function token(): Promise<string> {
  const email = `bench-${randomBytes(5).toString("hex")}@example.test`;
  await api("/api/signup", { method: "POST", body: JSON.stringify({ email, password: PASSWORD }) });
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
  const signin = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = signin.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.startsWith("next-auth.session-token="));
  if (!session) throw new Error("sign-in did not set a session cookie");
  const created = await api<{ token: string }>("/api/v1/tokens", {
    method: "POST",
    cookie: session,
    body: JSON.stringify({ name: "bench" }),
  });
  return created.token;
}

async function workflow(tok: string, agents: number): Promise<string> {
  const crew = Array.from({ length: agents }, (_, i) => ({
    role: `agent-${i + 1}`,
    systemPrompt: "Improve the text.",
  }));
  const wf = await api<{ id: string }>("/api/v1/workflows", {
    method: "POST",
    token: tok,
    body: JSON.stringify({ name: `bench ${agents}`, crew }),
  });
  return wf.id;
}

async function finishedRun(tok: string, workflowId: string): Promise<string> {
  const run = await api<{ id: string }>(`/api/v1/workflows/${workflowId}/runs`, {
    method: "POST",
    token: tok,
    body: JSON.stringify({ input: "A benchmark input of modest length." }),
  });
  for (let i = 0; i < 600; i++) {
    const current = await api<{ status: string }>(`/api/v1/runs/${run.id}`, { token: tok });
    if (current.status === "completed") return run.id;
    if (current.status === "failed" || current.status === "cancelled") throw new Error(`run ${current.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the 10-step run did not finish");
}

/** `expect` is the status class every response should have: 2xx, or 4xx for the baseline. */
async function load(title: string, opts: autocannon.Options, expect: "2xx" | "4xx" = "2xx") {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  const unexpected = expect === "2xx" ? result.non2xx : result.requests.total - result["4xx"];
  const ok = unexpected === 0 && result.errors === 0;
  console.log(
    `${title}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
      ` (${result.requests.total} requests${ok ? "" : `, ${unexpected} not ${expect}, ${result.errors} errors`})`,
  );
  return result;
}

/**
 * BURST run requests at once on one workspace, each on its own connection.
 * Prints how many answers of each status came back; a 429 or 503 without
 * Retry-After, any other 5xx, or a request with no answer is called out.
 */
async function burst(tok: string, workflowId: string) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      fetch(`${BASE}/api/v1/workflows/${workflowId}/runs`, {
        method: "POST",
        headers: { authorization: `Bearer ${tok}`, "content-type": "application/json" },
        body: JSON.stringify({ input: `Burst input ${i}.` }),
      }).then(
        async (res) => {
          const body = (await res.json().catch(() => null)) as { id?: string } | null;
          return { status: res.status, retryAfter: res.headers.get("retry-after"), runId: body?.id };
        },
        // No answer at all (connection refused or reset).
        () => ({ status: 0, retryAfter: null, runId: undefined }),
      ),
    ),
  );
  const ms = performance.now() - started;
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const byStatus = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${n} × ${status || "no answer"}`)
    .join(", ");
  const noRetryAfter = answers.filter((a) => (a.status === 429 || a.status === 503) && !a.retryAfter).length;
  const failed = answers.filter((a) => a.status === 0 || (a.status >= 500 && a.status !== 503)).length;
  const problems = [
    failed ? `${failed} failed (5xx other than 503, or no answer)` : "",
    noRetryAfter ? `${noRetryAfter} 429/503 without Retry-After` : "",
  ].filter(Boolean);
  console.log(
    `POST /api/v1/workflows/{id}/runs, ${BURST} at once: ${byStatus} in ${ms.toFixed(0)} ms` +
      (problems.length ? ` (${problems.join("; ")})` : ""),
  );
  return answers.flatMap((a) => (a.status === 202 && a.runId ? [a.runId] : []));
}

/** Waits for the runs to finish, then prints their latency and start lag as the API reports them. */
async function runLatency(tok: string, runIds: string[]) {
  const read = (id: string) =>
    fetch(`${BASE}/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${tok}` } }).then(
      (r) =>
        r.json() as Promise<{ status: string; createdAt: string; startedAt: string | null; finishedAt: string | null }>,
    );
  const deadline = Date.now() + 10 * 60_000;
  let runs = await Promise.all(runIds.map(read));
  while (runs.some((r) => !r.finishedAt) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    runs = await Promise.all(runIds.map(read));
  }
  const finished = runs.filter((r) => r.finishedAt && r.startedAt);
  const ms = (a: string, b: string) => new Date(b).getTime() - new Date(a).getTime();
  console.log(
    `those runs, created → finished: ${medianP95(finished.map((r) => ms(r.createdAt, r.finishedAt!)))}; ` +
      `created → started: ${medianP95(finished.map((r) => ms(r.createdAt, r.startedAt!)))}` +
      (finished.length < runs.length ? ` (${runs.length - finished.length} not finished)` : ""),
  );
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== "1") build();
  const server = spawn(
    "node_modules/.bin/tsx",
    ["scripts/with-db.ts", "node_modules/.bin/tsx", "scripts/serve.ts", "start", "-H", "127.0.0.1"],
    {
      env: serverEnv,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitForServer(server);
    const tok = await token();
    const runId = await finishedRun(tok, await workflow(tok, 10));
    const oneAgent = await workflow(tok, 1);
    console.log(
      `\nload average before: ${loadavg()[0]!.toFixed(1)} on 2 cores; ${CONNECTIONS} connections, ${DURATION} s each\n`,
    );

    // The framework's own floor on this machine: a route that answers 401 before any query.
    const ceiling = await load("GET  /api/v1/me without a token (401, no query)", { url: `${BASE}/api/v1/me` }, "4xx");
    const share = (r: autocannon.Result, target: number) =>
      console.log(
        `  = ${(r.requests.average / ceiling.requests.average).toFixed(2)}× the ceiling (target ≥ ${target}×)`,
      );
    share(
      await load("GET  /api/v1/runs/{id} (10 steps)", {
        url: `${BASE}/api/v1/runs/${runId}`,
        headers: { authorization: `Bearer ${tok}` },
      }),
      0.5,
    );
    share(
      await load("POST /api/v1/workflows/{id}/runs ", {
        url: `${BASE}/api/v1/workflows/${oneAgent}/runs`,
        method: "POST",
        headers: { authorization: `Bearer ${tok}`, "content-type": "application/json" },
        body: JSON.stringify({ input: "Benchmark input." }),
      }),
      0.3,
    );
    await runLatency(tok, await burst(tok, oneAgent));
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  console.log("");
  execFileSync("npm", ["run", "-s", "bench:engine"], { stdio: "inherit" });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
