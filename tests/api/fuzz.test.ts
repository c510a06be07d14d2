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
import * as auditExport from "@/app/api/v1/audit-log/export/route";
import * as projectHosting from "@/app/api/v1/projects/hosting/route";
import * as projectImport from "@/app/api/v1/projects/import/route";
import * as chats from "@/app/api/v1/chats/route";
import * as chatMessages from "@/app/api/v1/chats/[id]/messages/route";
import * as chatCheck from "@/app/api/v1/chats/[id]/messages/[messageId]/check/route";
import * as chatCreate from "@/app/api/v1/chats/[id]/messages/[messageId]/create/route";
import * as chatDiscard from "@/app/api/v1/chats/[id]/messages/[messageId]/discard/route";
import { setPlan } from "../support/billing";
import { makeUser, type TestUser } from "../support/factory";
import {
  HOSTILE_NUMBERS,
  bodyBytes,
  encodeQuery,
  expectErrorShape,
  hostileId,
  hostileString,
  mutate,
  prng,
  type Rng,
} from "../support/hostile";

/**
 * Seeded fuzzing of the workflow, crew, graph, diagram, run, agent, event, webhook, project, audit export and list routes: hostile
 * strings, deep nesting, huge numbers, wrong types, missing and extra fields,
 * bad ids and query parameters. No answer may be a 5xx, and every 4xx has the
 * one error shape. FUZZ_SEED=<n> replays a run; FUZZ_CASES=<n> changes its size.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CASES = Number(process.env.FUZZ_CASES ?? 900);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route handlers declare their own param shapes
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

interface Target {
  name: string;
  method: string;
  handler: Handler;
  path: (params: Record<string, string>) => string;
  params?: ("id" | "version" | "hookId" | "messageId")[];
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
const BLOCK_EDITS = {
  blocks: [
    { index: 0, value: GRAPH_WORKFLOW },
    { index: 1, value: { workflowId: "WORKFLOW_ID", patch: { agents: WORKFLOW.crew }, note: "n" } },
  ],
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
  {
    name: "export audit log",
    method: "GET",
    handler: auditExport.GET,
    path: () => "/api/v1/audit-log/export",
    query: ["action", "actorType", "actorId", "targetId", "since", "until", "workspace"],
  },
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
  {
    name: "check chat blocks",
    method: "POST",
    handler: chatCheck.POST,
    path: (p) => `/api/v1/chats/${p.id}/messages/${p.messageId}/check`,
    params: ["id", "messageId"],
    body: BLOCK_EDITS,
  },
  {
    name: "create from chat reply",
    method: "POST",
    handler: chatCreate.POST,
    path: (p) => `/api/v1/chats/${p.id}/messages/${p.messageId}/create`,
    params: ["id", "messageId"],
    body: BLOCK_EDITS,
  },
  {
    name: "discard chat reply",
    method: "POST",
    handler: chatDiscard.POST,
    path: (p) => `/api/v1/chats/${p.id}/messages/${p.messageId}/discard`,
    params: ["id", "messageId"],
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
  it(`${CASES} generated requests over the workflow, crew, graph, diagram, run, agent, event, webhook, project, chat and list routes: never a 5xx, always the error shape`, async () => {
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
    // A chat with a reply proposing a workflow and a change to the seeded one, for the chat routes.
    const post = (url: string, body: unknown) =>
      new Request(`http://localhost${url}`, {
        method: "POST",
        headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const chat = (await (await chats.POST(post("/api/v1/chats", {}), { params: Promise.resolve({}) })).json()) as {
      id: string;
    };
    const proposal = BLOCK_EDITS.blocks
      .map(
        (b, i) => "```" + ["workflow-create", "workflow-update"][i] + "\n" + JSON.stringify(b.value, null, 1) + "\n```",
      )
      .join("\n")
      .replace("WORKFLOW_ID", real[0]!);
    const sent = await chatMessages.POST(
      post(`/api/v1/chats/${chat.id}/messages`, { content: `[[simulate:reply:${proposal}]]` }),
      {
        params: Promise.resolve({ id: chat.id }),
      },
    );
    real.push(chat.id, ((await sent.json()) as { reply: { id: string } }).reply.id);

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
        expectErrorShape(text, label);
      } else if (res.status < 300 && res.headers.get("content-type")?.includes("ndjson")) {
        // JSON Lines: every line is JSON.
        for (const line of text.split("\n").filter(Boolean)) expect(() => JSON.parse(line), label).not.toThrow();
      } else if (res.status < 300) {
        // Something was created or read: keep its id to aim later cases at real rows.
        const id = (JSON.parse(text) as { id?: unknown }).id;
        if (typeof id === "string" && real.length < 20) real.push(id);
      }
    }
    console.log(`fuzz answers by status: ${JSON.stringify(statuses)}`);
  }, 120_000);
});
