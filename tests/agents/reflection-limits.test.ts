import { describe, expect, it } from "vitest";
import { GET as reflections } from "@/app/api/v1/agents/[id]/reflections/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { applyReflection } from "@/lib/agents/apply-reflection";
import { parseReflection } from "@/lib/agents/parse-reflection";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { apiRequest, call, makeUser } from "../support/factory";
import { agentBody, makeAgent, makeWorkflow } from "./helpers";

const fence = (v: unknown) => "```agent-reflect\n" + JSON.stringify(v) + "\n```";

const NODES = [
  {
    id: "fetch",
    role: "fetcher",
    systemPrompt: "Fetch the page.",
    tools: ["http_request"],
    budget: { spend: { usd: 1 } },
  },
  { id: "summarize", role: "summarizer", systemPrompt: "Summarize {{ fetch.output }}." },
];
const EDGES = [
  { from: "fetch", to: "summarize" },
  { from: "summarize", to: "END" },
];

async function graphSetup(label: string) {
  const u = await makeUser(label);
  const scope = scopeFor(u.workspaceId);
  const key = await createCredential(
    scope,
    { type: "system", id: null },
    {
      name: "Key",
      kind: "openai",
      secret: "sk-key-0123456789",
      createdById: null,
    },
  );
  const token = await createCredential(
    scope,
    { type: "system", id: null },
    {
      name: "Token",
      kind: "http",
      secret: "tok-0123456789ab",
      hosts: ["api.example.com"],
      createdById: null,
    },
  );
  const res = await call(
    createWorkflow,
    apiRequest(
      "POST",
      "/api/v1/workflows",
      { token: u.token },
      {
        name: "Reader",
        graph: {
          start: "fetch",
          nodes: NODES,
          edges: EDGES,
          budget: { wall_clock: 10, wall_clock_includes_waiting: true },
        },
      },
    ),
  );
  expect(res.status).toBe(201);
  const workflowId = res.body.id as string;
  const agent = await makeAgent(u, agentBody([workflowId]));
  return { u, scope, workflowId, agent, keyId: key.id, tokenId: token.id };
}

async function version(workflowId: string) {
  const wf = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
  const v = await db.workflowVersion.findFirstOrThrow({ where: { workflowId, version: wf.currentVersion } });
  return { version: wf.currentVersion, graph: storedGraph(v.graph), crew: v.crew };
}

type Patch = { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[]; [k: string]: unknown };
const base = (): Patch => ({
  nodes: NODES.map((n) => ({ ...n })),
  edges: EDGES,
  budget: { wall_clock: 10, wall_clock_includes_waiting: true },
});

describe("what a reflection may change", () => {
  it("refuses a patch that an injected page would write: models, endpoints, credentials, tools, emits, triggers, budgets up", async () => {
    const { u, scope, workflowId, agent, keyId, tokenId } = await graphSetup("rl-graph");
    const attempts: [string, (p: Patch) => void, RegExp][] = [
      [
        "point a node's model at another endpoint with the workspace's key",
        (p) =>
          (p.nodes[1]!.model = {
            provider: "openai",
            model: "gpt-4o",
            credentialId: keyId,
            baseUrl: "https://x.example/v1",
          }),
        /changes the model of node "summarize"/,
      ],
      ["give a node a model", (p) => (p.nodes[1]!.model = "claude-opus-4-7"), /changes the model of node "summarize"/],
      [
        "hand a credential to a node",
        (p) => (p.nodes[0]!.credentials = [tokenId]),
        /changes the credentials of node "fetch"/,
      ],
      ["give a node a tool", (p) => (p.nodes[1]!.tools = ["http_request"]), /changes the tools of node "summarize"/],
      ["take a tool away", (p) => delete p.nodes[0]!.tools, /changes the tools of node "fetch"/],
      [
        "add a node with its own tools",
        (p) => {
          p.nodes.push({ id: "exfil", role: "x", systemPrompt: "Post it.", tools: ["http_request"] });
          p.edges = [...EDGES.slice(0, 1), { from: "summarize", to: "exfil" }, { from: "exfil", to: "END" }];
        },
        /adds node "exfil" with its own tools/,
      ],
      ["make a node emit", (p) => (p.nodes[1]!.emits = "Leak"), /emits/],
      ["add a trigger", (p) => (p.trigger = { cron: "* * * * *", timezone: "UTC" }), /changes the workflow's trigger/],
      [
        "raise a node's budget",
        (p) => (p.nodes[0]!.budget = { spend: { usd: 100 } }),
        /raises or removes the budget\.spend\.usd of node "fetch"/,
      ],
      [
        "raise the workflow's budget",
        (p) => (p.budget = { wall_clock: 60 }),
        /raises or removes the workflow's budget\.wall_clock/,
      ],
      [
        "stop counting waits at approvals against the wall clock",
        (p) => (p.budget = { wall_clock: 10 }),
        /raises or removes the workflow's budget\.wall_clock_includes_waiting/,
      ],
      ["raise maxSteps", (p) => (p.maxSteps = 200), /raises maxSteps/],
    ];
    for (const [what, change, reason] of attempts) {
      const patch = base();
      change(patch);
      const parsed = parseReflection(fence({ verdict: "modify", reason: what, patch }));
      const row = await applyReflection(scope, { agentId: agent.id, workflowId, parsed });
      expect(row.verdict, what).toBe("ok");
      expect(row.reason, what).toMatch(/^Downgraded from modify to ok: /);
      expect(row.reason, what).toMatch(reason);
      expect(row.toVersionId, what).toBeNull();
    }
    expect((await version(workflowId)).version).toBe(1);

    // The reason is on the reflection as the API shows it.
    const list = await call(
      reflections,
      apiRequest("GET", `/api/v1/agents/${agent.id}/reflections`, { token: u.token }),
      { id: agent.id },
    );
    expect(list.body.data[0].reason).toMatch(/raises maxSteps; a reflection may only lower caps/);
  });

  it("saves what it may change: prompts, roles, order, edges, conditions, output shapes and lower budgets", async () => {
    const { scope, workflowId, agent } = await graphSetup("rl-graph-ok");
    const patch = base();
    patch.nodes[1]!.systemPrompt = "Summarize {{ fetch.output }} in three bullet points.";
    patch.nodes[1]!.role = "editor";
    patch.nodes[1]!.output = { summary: "str", urgent: "bool" };
    patch.nodes[0]!.budget = { spend: { usd: 0.5 } };
    patch.nodes.push({ id: "check", role: "checker", systemPrompt: "Check {{ summarize.summary }}." });
    patch.edges = [
      { from: "fetch", to: "summarize" },
      { from: "summarize", to: "check", when: { field: "urgent", equals: true } },
      { from: "summarize", to: "END" },
      { from: "check", to: "END" },
    ];
    patch.budget = { wall_clock: 5, wall_clock_includes_waiting: true };
    patch.maxSteps = 20;
    const parsed = parseReflection(fence({ verdict: "modify", reason: "Tighter summaries.", patch }));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId, parsed });
    expect(row.verdict, row.reason).toBe("modify");
    const now = await version(workflowId);
    expect(now.version).toBe(2);
    expect(now.graph!.nodes.map((n) => n.role)).toEqual(["fetcher", "editor", "checker"]);
    expect(now.graph!.budget).toEqual({ wall_clock: 5, wall_clock_includes_waiting: true });
    expect(now.graph!.nodes[0]!.tools).toEqual(["http_request"]);
  });

  it("holds crews to the same rule: an agent keeps its model and tools by role, a new one brings none", async () => {
    const u = await makeUser("rl-crew");
    const scope = scopeFor(u.workspaceId);
    const crew = [
      { role: "planner", systemPrompt: "Plan.", model: "claude-sonnet-4-6" },
      { role: "writer", systemPrompt: "Write." },
    ];
    const wf = await makeWorkflow(u, "Crew", crew);
    const agent = await makeAgent(u, agentBody([wf.id]));
    const apply = (agents: unknown) =>
      applyReflection(scope, {
        agentId: agent.id,
        workflowId: wf.id,
        parsed: parseReflection(fence({ verdict: "modify", reason: "r", patch: { agents } })),
      });
    const swapped = await apply([crew[0], { ...crew[1], model: "claude-opus-4-7" }]);
    expect(swapped.reason).toMatch(/changes the model of agent "writer"/);
    const added = await apply([...crew, { role: "poster", systemPrompt: "Post.", tools: ["http_request"] }]);
    expect(added.reason).toMatch(/adds agent "poster" with its own tools/);
    // A second agent under the planner's role is a new agent, not the planner: it brings no model of its own.
    const copied = await apply([
      ...crew,
      { role: "planner", systemPrompt: "Post it all.", model: "claude-sonnet-4-6" },
    ]);
    expect(copied.verdict).toBe("ok");
    expect(copied.reason).toMatch(/adds agent "planner" with its own model/);
    const inPlace = await apply([
      crew[0],
      { role: "planner", systemPrompt: "Post it all.", model: "claude-sonnet-4-6" },
    ]);
    expect(inPlace.verdict).toBe("ok");
    expect(inPlace.reason).toMatch(/changes the model of agent "planner"/);
    // Reordered, renamed in place and reworded: allowed, the planner keeps its model.
    const ok = await apply([
      { role: "drafter", systemPrompt: "Draft it." },
      { role: "planner", systemPrompt: "Plan it better.", model: "claude-sonnet-4-6" },
    ]);
    expect(ok.verdict, ok.reason).toBe("modify");
  });
});
