/**
 * Dashboard benchmark against a running production server: how long the
 * transcript page of a finished 10-step run takes to show all its steps, and
 * how much JavaScript (compressed, as transferred) the page loads.
 *
 *   npm run build && npm start          # or any production server
 *   APP_URL=http://127.0.0.1:3000 npm run bench:ui
 *
 * Targets: all steps visible in under 1 s, under 250 kB of JavaScript. The
 * figures are printed, not asserted.
 *
 * Then the graph editor on a 30-node graph: time until its canvas shows every
 * node and answers Enter on one with the node's inspector, and the JavaScript it
 * loads. Targets: under 1.5 s and under 350 kB.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chromium, type APIRequestContext, type BrowserContext } from "@playwright/test";

const APP_URL = (process.env.BENCH_URL ?? process.env.APP_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STEPS = 10;
const PASSWORD = "correct horse battery staple";

const systemChromium = "/usr/bin/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

async function check(response: { ok(): boolean; status(): number; text(): Promise<string> }, what: string) {
  if (!response.ok()) throw new Error(`${what} failed: ${response.status()} ${await response.text()}`);
}

/** A new account, signed in through next-auth's credentials endpoint; returns the workspace slug. */
async function signUpAndIn(request: APIRequestContext): Promise<string> {
  const email = `bench-${randomBytes(5).toString("hex")}@example.test`;
  const signup = await request.post(`${APP_URL}/api/signup`, { data: { name: "Bench", email, password: PASSWORD } });
  await check(signup, "sign-up");
  const { workspace } = (await signup.json()) as { workspace: { slug: string } };
  const csrf = (await (await request.get(`${APP_URL}/api/auth/csrf`)).json()) as { csrfToken: string };
  const signin = await request.post(`${APP_URL}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email, password: PASSWORD, json: "true" },
  });
  await check(signin, "sign-in");
  return workspace.slug;
}

/** A workflow of ten agents, run once to completion; returns the run id. */
async function finishedTenStepRun(request: APIRequestContext, slug: string): Promise<string> {
  // Cookie writes name this site as their Origin, as the browser does.
  const headers = { "x-workspace": slug, origin: new URL(APP_URL).origin };
  const crew = Array.from({ length: STEPS }, (_, i) => ({
    role: i % 2 ? "writer" : "researcher",
    systemPrompt: `Agent ${i + 1}: extract, then summarise the findings so far in a few lines.`,
  }));
  const created = await request.post(`${APP_URL}/api/v1/workflows`, {
    headers,
    data: { name: "Bench: ten steps", crew },
  });
  await check(created, "create workflow");
  const { id } = (await created.json()) as { id: string };
  const started = await request.post(`${APP_URL}/api/v1/workflows/${id}/runs`, {
    headers,
    data: { input: "Summarise the quarterly report: revenue, churn, hiring plans and the risks named by the board." },
  });
  await check(started, "start run");
  const run = (await started.json()) as { id: string };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const current = (await (await request.get(`${APP_URL}/api/v1/runs/${run.id}`, { headers })).json()) as {
      status: string;
    };
    if (current.status === "completed") return run.id;
    if (current.status === "failed" || current.status === "cancelled")
      throw new Error(`The bench run ${current.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("The bench run did not finish within 2 minutes; is the engine running?");
}

const GRAPH_NODES = 30;

/** A 30-node graph: a chain with a router every fifth node that can leave early. */
async function thirtyNodeGraph(request: APIRequestContext, slug: string): Promise<string> {
  const headers = { "x-workspace": slug, origin: new URL(APP_URL).origin };
  const ids = Array.from({ length: GRAPH_NODES }, (_, i) => `step-${i + 1}`);
  const nodes = ids.map((id, i) => ({
    id,
    role: i % 5 === 4 ? "reviewer" : "worker",
    systemPrompt: i % 5 === 4 ? "Reply done or more." : `Step ${i + 1}: continue the work.`,
    ...(i % 7 === 3 ? { output: { summary: "str", score: "int" } } : {}),
  }));
  const edges = ids.flatMap((id, i) => {
    const next = ids[i + 1] ?? "END";
    return i % 5 === 4 && next !== "END"
      ? [
          { from: id, to: "END", when: "done" },
          { from: id, to: next },
        ]
      : [{ from: id, to: next }];
  });
  const created = await request.post(`${APP_URL}/api/v1/workflows`, {
    headers,
    data: { name: "Bench: 30-node graph", graph: { start: ids[0], nodes, edges, maxSteps: 100, maxVisitsPerNode: 2 } },
  });
  await check(created, "create graph workflow");
  return ((await created.json()) as { id: string }).id;
}

interface Round {
  /** From navigation start until all ten step cards and the final output are on screen. */
  stepsVisibleMs: number;
  scriptBytes: number;
  scriptCount: number;
  /** Requests for the run itself: 0 when the page arrives with the finished run. */
  runRequests: number;
}

async function measure(context: BrowserContext, url: string): Promise<Round> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Set<string>();
  let scriptBytes = 0;
  let runRequests = 0;
  cdp.on("Network.requestWillBeSent", (e) => {
    if (new URL(e.request.url).pathname.startsWith("/api/v1/runs/")) runRequests += 1;
  });
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    (steps) =>
      document.querySelectorAll('[data-testid="step-card"]').length === steps &&
      document.querySelector('[data-testid="final-output"]') !== null
        ? performance.now()
        : false,
    STEPS,
    { polling: "raf", timeout: 30_000 },
  );
  const stepsVisibleMs = (await handle.jsonValue()) as number;
  await page.waitForLoadState("networkidle");
  await page.close();
  return { stepsVisibleMs, scriptBytes, scriptCount: scripts.size, runRequests };
}

interface EditorRound {
  /** From navigation start until every node is drawn and Enter on one opens its inspector. */
  interactiveMs: number;
  scriptBytes: number;
  scriptCount: number;
}

async function measureEditor(context: BrowserContext, url: string): Promise<EditorRound> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Set<string>();
  let scriptBytes = 0;
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    (count) => {
      const nodes = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].filter(
        (n) => n.querySelector('[data-testid="editor-node"]') && getComputedStyle(n).visibility !== "hidden",
      );
      return nodes.length === count;
    },
    GRAPH_NODES,
    { polling: "raf", timeout: 30_000 },
  );
  // A node answers the keyboard: Enter opens it in the inspector.
  await page.locator(".react-flow__node").first().focus();
  await page.keyboard.press("Enter");
  const handle = await page.waitForFunction(
    () => (document.querySelector('[data-testid="node-fields"]') ? performance.now() : false),
    undefined,
    { polling: "raf", timeout: 30_000 },
  );
  const interactiveMs = (await handle.jsonValue()) as number;
  await page.waitForLoadState("networkidle");
  await page.close();
  return { interactiveMs, scriptBytes, scriptCount: scripts.size };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main() {
  const browser = await chromium.launch(launchOptions);
  try {
    const octet = () => 1 + (randomBytes(1)[0]! % 250);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: { "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` },
    });
    const slug = await signUpAndIn(context.request);
    const runId = await finishedTenStepRun(context.request, slug);
    const url = `${APP_URL}/w/${encodeURIComponent(slug)}/runs/${runId}`;
    console.log(`Transcript of a ${STEPS}-step run: ${url}`);

    await measure(context, url); // warm the server's caches once
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await measure(context, url));

    const ms = median(rounds.map((r) => r.stepsVisibleMs));
    const kb = median(rounds.map((r) => r.scriptBytes)) / 1024;
    console.log(`rounds: ${rounds.map((r) => `${Math.round(r.stepsVisibleMs)} ms`).join(", ")}`);
    console.log(`requests for the run per page load: ${rounds.map((r) => r.runRequests).join(", ")}`);
    console.log(
      `all ${STEPS} steps visible (median, cold browser cache): ${Math.round(ms)} ms   target < 1000 ms  ${ms < 1000 ? "ok" : "OVER"}`,
    );
    console.log(
      `JavaScript transferred (compressed): ${kb.toFixed(1)} kB in ${rounds[0]!.scriptCount} files   target < 250 kB  ${kb < 250 ? "ok" : "OVER"}`,
    );

    const graphId = await thirtyNodeGraph(context.request, slug);
    const editorUrl = `${APP_URL}/w/${encodeURIComponent(slug)}/workflows/${graphId}?edit=graph`;
    console.log(`Graph editor on a ${GRAPH_NODES}-node graph: ${editorUrl}`);
    await measureEditor(context, editorUrl); // warm
    const editorRounds: EditorRound[] = [];
    for (let i = 0; i < ROUNDS; i++) editorRounds.push(await measureEditor(context, editorUrl));
    const editorMs = median(editorRounds.map((r) => r.interactiveMs));
    const editorKb = median(editorRounds.map((r) => r.scriptBytes)) / 1024;
    console.log(`editor rounds: ${editorRounds.map((r) => `${Math.round(r.interactiveMs)} ms`).join(", ")}`);
    console.log(
      `graph editor interactive, ${GRAPH_NODES} nodes (median, cold browser cache): ${Math.round(editorMs)} ms   target < 1500 ms  ${editorMs < 1500 ? "ok" : "OVER"}`,
    );
    console.log(
      `graph editor JavaScript transferred (compressed): ${editorKb.toFixed(1)} kB in ${editorRounds[0]!.scriptCount} files   target < 350 kB  ${editorKb < 350 ? "ok" : "OVER"}`,
    );
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
