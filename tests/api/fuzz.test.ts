import { describe, expect, it } from "vitest";
import * as agentPause from "@/app/api/v1/agents/[id]/pause/route";
import * as agentResume from "@/app/api/v1/agents/[id]/resume/route";
import * as agentById from "@/app/api/v1/agents/[id]/route";
import * as agentSchedule from "@/app/api/v1/agents/[id]/schedule/route";
import * as agents from "@/app/api/v1/agents/route";
import * as runCancel from "@/app/api/v1/runs/[id]/cancel/route";
import * as runById from "@/app/api/v1/runs/[id]/route";
import * as runs from "@/app/api/v1/runs/route";
import * as crew from "@/app/api/v1/workflows/[id]/crew/route";
import * as diagram from "@/app/api/v1/workflows/[id]/diagram/route";
import * as graph from "@/app/api/v1/workflows/[id]/graph/route";
import * as workflowById from "@/app/api/v1/workflows/[id]/route";
import * as workflowRuns from "@/app/api/v1/workflows/[id]/runs/route";
import * as restore from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import * as version from "@/app/api/v1/workflows/[id]/versions/[version]/route";
import * as versions from "@/app/api/v1/workflows/[id]/versions/route";
import * as workflows from "@/app/api/v1/workflows/route";
import * as eventTypeWebhook from "@/app/api/v1/event-types/[id]/webhook/route";
import * as eventTypeById from "@/app/api/v1/event-types/[id]/route";
import * as eventTypes from "@/app/api/v1/event-types/route";
import * as eventById from "@/app/api/v1/events/[id]/route";
import * as events from "@/app/api/v1/events/route";
import * as hook from "@/app/api/hooks/[hookId]/route";
import * as projectExport from "@/app/api/v1/projects/export/route";
import * as projectHosting from "@/app/api/v1/projects/hosting/route";
import * as projectImport from "@/app/api/v1/projects/import/route";
import { setPlan } from "../support/billing";
import { makeUser, type TestUser } from "../support/factory";

/**
 * Seeded fuzzing of the workflow, crew, graph, diagram, run, agent, event, webhook, project and list routes: hostile
 * strings, deep nesting, huge numbers, wrong types, missing and extra fields,
 * bad ids and query parameters. No answer may be a 5xx, and every 4xx has the
 * one error shape. FUZZ_SEED=<n> replays a run; FUZZ_CASES=<n> changes its size.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CASES = Number(process.env.FUZZ_CASES ?? 900);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83e",
  "🦙",
  "🦙".repeat(5000),
  "\u202eevil",
  "\ufeffbom",
  "e\u0301".repeat(500),
  "ｗｉｄｅ",
  '\'; DROP TABLE "Workflow"; --',
  "<script>alert(1)</script>",
  "%00",
  "%FF",
  "../../etc/passwd",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "\n\r\t\v\f",
  "${process.env}",
  "{{7*7}}",
  "[[simulate:fail]]",
  "x".repeat(100),
  "x".repeat(70_000),
  "-010000-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "2026-02-30T00:00:00Z",
  "claude-sonnet-4-6",
  "local",
  "active",
  "paused",
  "1e309",
  "-1",
  "NaN",
];

const HOSTILE_NUMBERS = [0, -1, 1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e-320, 101, 1e21];

function hostileString(r: Rng): string {
  if (r.chance(0.15)) {
    // Random code units, surrogate halves and NUL included.
    return Array.from({ length: 1 + r.int(40) }, () => String.fromCharCode(r.int(0x10000))).join("");
  }
  return r.pick(HOSTILE_STRINGS);
}

function nested(r: Rng, depth: number): unknown {
  let value: unknown = hostileValue(r, 0);
  for (let i = 0; i < depth; i++) value = r.chance(0.5) ? [value] : { [hostileString(r).slice(0, 20) || "k"]: value };
  return value;
}

function hostileValue(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 2 ? 5 : 9);
  switch (kind) {
    case 0:
    case 1:
      return hostileString(r);
    case 2:
      return r.pick(HOSTILE_NUMBERS);
    case 3:
      return r.pick([true, false, null]);
    case 4:
      return r.chance(0.5) ? [] : {};
    case 5:
      return Array.from({ length: r.int(4) }, () => hostileValue(r, depth + 1));
    case 6:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [hostileString(r), hostileValue(r, depth + 1)]));
    case 7:
      return nested(r, r.pick([10, 63, 65, 200, 1000]));
    default:
      return r.chance(0.5) ? Array.from({ length: 20_000 }, (_, i) => i) : hostileString(r);
  }
}

/** The same shape with some of its strings (a crew agent's, a schedule's) replaced by hostile ones. */
function withHostileText(r: Rng, value: unknown): unknown {
  if (typeof value === "string") return r.chance(0.6) ? hostileString(r) : value;
  if (Array.isArray(value)) return value.map((v) => withHostileText(r, v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHostileText(r, v)]));
  }
  return value;
}

/** A valid body of the route, then mutated: a field dropped, replaced, retyped, or one added. */
function mutate(r: Rng, valid: Record<string, unknown>): unknown {
  const body: Record<string, unknown> = structuredClone(valid);
  const keys = Object.keys(body);
  const rounds = 1 + r.int(3);
  for (let i = 0; i < rounds; i++) {
    const key = r.pick(keys);
    switch (r.int(5)) {
      case 0:
        delete body[key];
        break;
      case 1:
        body[key] = hostileValue(r);
        break;
      case 2:
        body[hostileString(r)] = hostileValue(r);
        break;
      case 3:
        // The right shape with hostile text inside (a crew agent, a schedule).
        body[key] = withHostileText(r, body[key]);
        break;
      default:
        return hostileValue(r);
    }
  }
  return body;
}

/** A body as bytes: usually JSON, sometimes broken JSON or bytes that are not UTF-8. */
function bodyBytes(r: Rng, value: unknown): string | Uint8Array<ArrayBuffer> {
  const roll = r.int(20);
  if (roll === 0) return "{not json";
  if (roll === 1) return new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
  if (roll === 2) return `{"name":"\\ud800","crew":[{"role":"r","systemPrompt":"\\u0000"}]}`;
  if (roll === 3) return JSON.stringify(value).slice(0, -1);
  if (roll === 4) {
    // Deeper than anything here could build and stringify as a value.
    const depth = r.pick([5_000, 50_000]);
    return `{"name":"n","input":"i","crew":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Percent-encodes a string byte by byte, lone surrogates as the bytes a careless encoder writes. */
function encodeQuery(r: Rng, s: string): string {
  if (r.chance(0.1)) return r.pick(["%FF", "%ED%A0%80", "%", "%zz", "%C3", "%00"]);
  return Array.from(s)
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) return "%ED%A0%80";
      return encodeURIComponent(ch);
    })
    .join("");
}

function hostileId(r: Rng, real: string[]): string {
  if (real.length && r.chance(0.5)) return r.pick(real);
  return r.pick([
    "",
    " ",
    "\u0000",
    "\ud800",
    "c".repeat(25),
    "x".repeat(129),
    "a/b",
    "..",
    "%FF",
    "-1",
    "0",
    "1e309",
    "🦙",
    hostileString(r),
  ]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route handlers declare their own param shapes
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

interface Target {
  name: string;
  method: string;
  handler: Handler;
  path: (params: Record<string, string>) => string;
  params?: ("id" | "version" | "hookId")[];
  body?: Record<string, unknown>;
  query?: string[];
}

const WORKFLOW = {
  name: "Fuzzed",
  description: "d",
  model: "claude-sonnet-4-6",
  status: "active",
  crew: [{ role: "w", systemPrompt: "p" }],
};
const GRAPH = {
  start: "classify",
  nodes: [
    { id: "classify", role: "classifier", systemPrompt: "Reply a or b. {{ input }}", output: { pick: "enum[a, b]" } },
    { id: "a", role: "a", systemPrompt: "A {{ classify.pick }}", join: "all" },
    { id: "b", role: "b", systemPrompt: "B" },
  ],
  edges: [
    { from: "classify", to: "a", when: { field: "pick", equals: "a" } },
    { from: "classify", to: "b", when: "b" },
    { from: "a", to: "END" },
    { from: "b", to: "END" },
  ],
  maxSteps: 50,
  maxVisitsPerNode: 5,
};
const GRAPH_WORKFLOW = { name: "Fuzzed graph", model: "claude-sonnet-4-6", graph: GRAPH };
const SUGAR_WORKFLOW = {
  name: "Fuzzed sugar",
  route: { classifier: { role: "c", systemPrompt: "C" }, branches: { x: { role: "x", systemPrompt: "X" } } },
  parallel: { branches: [{ role: "p", systemPrompt: "P" }], merge: { role: "m", systemPrompt: "M" } },
};
const AGENT = {
  name: "Fuzz agent",
  role: "tester",
  goal: "Find what breaks",
  workflowIds: ["WORKFLOW_ID"],
  model: "claude-sonnet-4-6",
  capabilities: [],
  schedule: { type: "manual", timezone: "UTC" },
};
const EVENT_TYPE = { name: "Incident", fields: { title: "str", severity: "enum[low, high]", link: "url" } };
const EVENT = { name: "Incident", data: { title: "Down", severity: "high", link: "https://example.com/1" } };
const PROJECT = {
  files: {
    "registry.yml":
      "defaults:\n  agent:\n    model: claude-sonnet-4-6\nevents:\n  Alert:\n    fields: { title: str }\n",
    "workflows/watch/look.md": "---\non: Alert\noutput: { summary: str }\n---\nLook at {{ event.title }}.\n",
  },
};
const LIST_QUERY = ["limit", "cursor", "status", "workflowId", "agentId", "createdAfter", "createdBefore", "workspace"];

const TARGETS: Target[] = [
  { name: "create workflow", method: "POST", handler: workflows.POST, path: () => "/api/v1/workflows", body: WORKFLOW },
  {
    name: "create graph workflow",
    method: "POST",
    handler: workflows.POST,
    path: () => "/api/v1/workflows",
    body: GRAPH_WORKFLOW,
  },
  {
    name: "create sugar workflow",
    method: "POST",
    handler: workflows.POST,
    path: () => "/api/v1/workflows",
    body: SUGAR_WORKFLOW,
  },
  {
    name: "get graph",
    method: "GET",
    handler: graph.GET,
    path: (p) => `/api/v1/workflows/${p.id}/graph`,
    params: ["id"],
  },
  {
    name: "replace graph",
    method: "PUT",
    handler: graph.PUT,
    path: (p) => `/api/v1/workflows/${p.id}/graph`,
    params: ["id"],
    body: { graph: GRAPH, note: "n" },
  },
  {
    name: "get diagram",
    method: "GET",
    handler: diagram.GET,
    path: (p) => `/api/v1/workflows/${p.id}/diagram`,
    params: ["id"],
    query: ["format"],
  },
  { name: "list workflows", method: "GET", handler: workflows.GET, path: () => "/api/v1/workflows", query: LIST_QUERY },
  {
    name: "get workflow",
    method: "GET",
    handler: workflowById.GET,
    path: (p) => `/api/v1/workflows/${p.id}`,
    params: ["id"],
  },
  {
    name: "update workflow",
    method: "PATCH",
    handler: workflowById.PATCH,
    path: (p) => `/api/v1/workflows/${p.id}`,
    params: ["id"],
    body: WORKFLOW,
  },
  { name: "get crew", method: "GET", handler: crew.GET, path: (p) => `/api/v1/workflows/${p.id}/crew`, params: ["id"] },
  {
    name: "replace crew",
    method: "PUT",
    handler: crew.PUT,
    path: (p) => `/api/v1/workflows/${p.id}/crew`,
    params: ["id"],
    body: { crew: WORKFLOW.crew },
  },
  {
    name: "list versions",
    method: "GET",
    handler: versions.GET,
    path: (p) => `/api/v1/workflows/${p.id}/versions`,
    params: ["id"],
    query: LIST_QUERY,
  },
  {
    name: "get version",
    method: "GET",
    handler: version.GET,
    path: (p) => `/api/v1/workflows/${p.id}/versions/${p.version}`,
    params: ["id", "version"],
  },
  {
    name: "restore version",
    method: "POST",
    handler: restore.POST,
    path: (p) => `/api/v1/workflows/${p.id}/versions/${p.version}/restore`,
    params: ["id", "version"],
  },
  {
    name: "create run",
    method: "POST",
    handler: workflowRuns.POST,
    path: (p) => `/api/v1/workflows/${p.id}/runs`,
    params: ["id"],
    body: { input: "Summarise this.", budget: { wall_clock: 5, spend: { usd: 1 } } },
  },
  {
    name: "create event type",
    method: "POST",
    handler: eventTypes.POST,
    path: () => "/api/v1/event-types",
    body: EVENT_TYPE,
  },
  { name: "list event types", method: "GET", handler: eventTypes.GET, path: () => "/api/v1/event-types" },
  {
    name: "get event type",
    method: "GET",
    handler: eventTypeById.GET,
    path: (p) => `/api/v1/event-types/${p.id}`,
    params: ["id"],
  },
  {
    name: "update event type",
    method: "PATCH",
    handler: eventTypeById.PATCH,
    path: (p) => `/api/v1/event-types/${p.id}`,
    params: ["id"],
    body: { description: "Changed" },
  },
  {
    name: "event type webhook",
    method: "POST",
    handler: eventTypeWebhook.POST,
    path: (p) => `/api/v1/event-types/${p.id}/webhook`,
    params: ["id"],
  },
  { name: "emit event", method: "POST", handler: events.POST, path: () => "/api/v1/events", body: EVENT },
  {
    name: "list events",
    method: "GET",
    handler: events.GET,
    path: () => "/api/v1/events",
    query: ["limit", "cursor", "name"],
  },
  { name: "get event", method: "GET", handler: eventById.GET, path: (p) => `/api/v1/events/${p.id}`, params: ["id"] },
  {
    name: "incoming webhook",
    method: "POST",
    handler: hook.POST,
    path: (p) => `/api/hooks/${p.hookId}`,
    params: ["hookId"],
    query: ["secret"],
    body: EVENT.data,
  },
  {
    name: "import project",
    method: "POST",
    handler: projectImport.POST,
    path: () => "/api/v1/projects/import",
    body: PROJECT,
  },
  { name: "export project", method: "GET", handler: projectExport.GET, path: () => "/api/v1/projects/export" },
  { name: "project hosting", method: "GET", handler: projectHosting.GET, path: () => "/api/v1/projects/hosting" },
  { name: "list runs", method: "GET", handler: runs.GET, path: () => "/api/v1/runs", query: LIST_QUERY },
  { name: "get run", method: "GET", handler: runById.GET, path: (p) => `/api/v1/runs/${p.id}`, params: ["id"] },
  {
    name: "cancel run",
    method: "POST",
    handler: runCancel.POST,
    path: (p) => `/api/v1/runs/${p.id}/cancel`,
    params: ["id"],
  },
  { name: "create agent", method: "POST", handler: agents.POST, path: () => "/api/v1/agents", body: AGENT },
  { name: "list agents", method: "GET", handler: agents.GET, path: () => "/api/v1/agents", query: LIST_QUERY },
  { name: "get agent", method: "GET", handler: agentById.GET, path: (p) => `/api/v1/agents/${p.id}`, params: ["id"] },
  {
    name: "update agent",
    method: "PATCH",
    handler: agentById.PATCH,
    path: (p) => `/api/v1/agents/${p.id}`,
    params: ["id"],
    body: AGENT,
  },
  {
    name: "pause agent",
    method: "POST",
    handler: agentPause.POST,
    path: (p) => `/api/v1/agents/${p.id}/pause`,
    params: ["id"],
  },
  {
    name: "resume agent",
    method: "POST",
    handler: agentResume.POST,
    path: (p) => `/api/v1/agents/${p.id}/resume`,
    params: ["id"],
  },
  {
    name: "agent schedule",
    method: "GET",
    handler: agentSchedule.GET,
    path: (p) => `/api/v1/agents/${p.id}/schedule`,
    params: ["id"],
    query: ["count"],
  },
];

interface Case {
  target: string;
  request: Request;
  params: Record<string, string>;
  describe: string;
}

function makeCase(r: Rng, u: TestUser, real: string[]): Case {
  const target = r.pick(TARGETS);
  const params: Record<string, string> = {};
  for (const name of target.params ?? [])
    params[name] = name === "version" && r.chance(0.5) ? String(r.pick(HOSTILE_NUMBERS)) : hostileId(r, real);
  // The URL carries what a client would send; the handler gets Next's decoded params.
  let url = `http://localhost${target.path(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeQuery(r, v)])))}`;
  if (target.query && r.chance(0.8)) {
    const pairs = Array.from({ length: 1 + r.int(3) }, () => {
      const key = r.chance(0.85) ? r.pick(target.query!) : hostileString(r).slice(0, 30);
      const value = r.chance(0.3) ? String(r.pick(HOSTILE_NUMBERS)) : hostileString(r).slice(0, 2000);
      return `${encodeQuery(r, key)}=${encodeQuery(r, value)}`;
    });
    url += `?${pairs.join("&")}`;
  }
  const headers = new Headers();
  if (r.chance(0.9)) headers.set("authorization", `Bearer ${u.token}`);
  else {
    headers.set("cookie", u.cookie);
    headers.set("x-workspace", r.chance(0.5) ? u.workspaceId : hostileId(r, real).replace(/[^\x20-\x7e]/g, "?"));
  }
  if (target.name === "create run" && r.chance(0.2))
    headers.set(
      "idempotency-key",
      hostileString(r)
        .replace(/[^\x20-\x7e]/g, "?")
        .slice(0, 300),
    );
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (target.method !== "GET") {
    headers.set("content-type", "application/json");
    const valid = target.body ? JSON.parse(JSON.stringify(target.body).replace("WORKFLOW_ID", real[0] ?? "")) : {};
    body = bodyBytes(r, r.chance(0.1) ? valid : mutate(r, valid));
  }
  const request = new Request(url, { method: target.method, headers, body });
  const shown = typeof body === "string" ? body.slice(0, 160) : body ? `<${body.byteLength} bytes>` : "";
  return {
    target: target.name,
    request,
    params,
    describe: `${target.method} ${url.slice(0, 200)} ${JSON.stringify(params).slice(0, 100)} ${shown}`,
  };
}

describe("fuzz", () => {
  it(`${CASES} generated requests over the workflow, crew, graph, diagram, run, agent, event, webhook, project and list routes: never a 5xx, always the error shape`, async () => {
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${CASES} cases`);
    const r = prng(SEED);
    const u = await makeUser("fuzz");
    // Paid, so the run rate and allowance rarely answer before validation does.
    await setPlan(u.workspaceId, "team");
    const seeded = await workflows.POST(
      new Request("http://localhost/api/v1/workflows", {
        method: "POST",
        headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
        body: JSON.stringify(WORKFLOW),
      }),
      { params: Promise.resolve({}) },
    );
    const real: string[] = [((await seeded.json()) as { id: string }).id];

    const statuses: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(r, u, real);
      const target = TARGETS.find((t) => t.name === c.target)!;
      const res = await target.handler(c.request, { params: Promise.resolve(c.params) });
      const text = await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const label = `case ${i} (seed ${SEED}): ${c.describe}\n→ ${res.status} ${text.slice(0, 300)}`;
      expect(res.status, label).toBeLessThan(500);
      if (res.status >= 400) {
        const body = JSON.parse(text) as { error?: Record<string, unknown> };
        expect(Object.keys(body), label).toEqual(["error"]);
        const { code, message, details, ...rest } = body.error ?? {};
        expect(typeof code, label).toBe("string");
        expect(typeof message, label).toBe("string");
        expect(rest, label).toEqual({});
        if (details !== undefined) expect(typeof details, label).toBe("object");
      } else if (res.status < 300) {
        // Something was created or read: keep its id to aim later cases at real rows.
        const id = (JSON.parse(text) as { id?: unknown }).id;
        if (typeof id === "string" && real.length < 20) real.push(id);
      }
    }
    console.log(`fuzz answers by status: ${JSON.stringify(statuses)}`);
  }, 120_000);
});
