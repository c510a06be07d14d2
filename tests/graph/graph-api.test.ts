import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCrew, PUT as putCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { GET as getDiagram } from "@/app/api/v1/workflows/[id]/diagram/route";
import { GET as getGraph, PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { GET as listVersions } from "@/app/api/v1/workflows/[id]/versions/route";
import { GET as listWorkflows } from "@/app/api/v1/workflows/route";
import {
  graphVersionResponseSchema,
  versionResponseSchema,
  workflowResponseSchema,
} from "@/lib/workflows/response-schemas";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { create, createOk, triage } from "./helpers";

let user: TestUser;
let other: TestUser;

beforeAll(async () => {
  user = await makeUser("graph-api");
  other = await makeUser("graph-other");
});

const get = (u: TestUser, handler: typeof getGraph, path: string, id: string) =>
  call(handler, apiRequest("GET", path, { token: u.token }), { id });

function graphWith(nodes: object[], edges: object[], start = "a") {
  return { name: "Checks", graph: { start, nodes, edges } };
}
const node = (id: string, systemPrompt = "Do it.", extra: object = {}) => ({ id, role: id, systemPrompt, ...extra });

describe("saving a graph", () => {
  it("stores seed 002's triage as a graph workflow: kind graph, crew null, caps defaulted", async () => {
    const res = await create(user, triage("Reply 'billing' or 'tech'."));
    expect(res.status).toBe(201);
    workflowResponseSchema.parse(res.body);
    expect(res.body.kind).toBe("graph");
    expect(res.body.crew).toBeNull();
    expect(res.body.graph).toMatchObject({ start: "classify", maxSteps: 50, maxVisitsPerNode: 5 });
    expect(res.body.graph.nodes[0].model).toEqual({ provider: "anthropic", model: "claude-haiku-4-5" });
  });

  it("names the field of each structural problem", async () => {
    const cases: [object, string, RegExp][] = [
      [graphWith([node("a")], [{ from: "a", to: "b" }]), "graph.edges.0.to", /Unknown node "b"/],
      [graphWith([node("a")], [{ from: "z", to: "END" }]), "graph.edges.0.from", /Unknown node "z"/],
      [graphWith([node("a"), node("a")], [{ from: "a", to: "END" }]), "graph.nodes.1.id", /Duplicate/],
      [graphWith([node("a")], [{ from: "a", to: "END" }], "nope"), "graph.start", /not one of the nodes/],
      [
        graphWith(
          [node("a"), node("b")],
          [
            { from: "a", to: "END" },
            { from: "b", to: "END" },
          ],
        ),
        "graph.nodes.1.id",
        /not reachable/,
      ],
      [
        graphWith(
          [node("a"), node("b")],
          [
            { from: "a", to: "b", when: "x" },
            { from: "a", to: "END", when: "y" },
            { from: "b", to: "b" },
          ],
        ),
        "graph.nodes.1.id",
        /no way to END/,
      ],
      [
        graphWith([node("a")], [{ from: "a", to: "END", when: { field: "severity", equals: "high" } }]),
        "graph.edges.0.when.field",
        /no output field/,
      ],
      [{ name: "x", graph: { start: "a", nodes: [node("a")], edges: [], maxSteps: 201 } }, "graph.maxSteps", /200/],
      [{ name: "x", graph: { start: "A b", nodes: [node("A b")], edges: [] } }, "graph.nodes.0.id", /slug/],
      [
        {
          name: "x",
          graph: { start: "a", nodes: [node("a", "x", { output: { n: "float" } })], edges: [{ from: "a", to: "END" }] },
        },
        "graph.nodes.0.output.n",
        /enum/,
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await create(user, body);
      expect(res.status, field).toBe(400);
      const detail = res.body.error.details.find((d: { field: string }) => d.field === field);
      expect(detail, `${field}: ${JSON.stringify(res.body.error.details)}`).toBeTruthy();
      expect(detail.message).toMatch(message);
    }
  });

  it("caps the size: at most 50 nodes and 200 edges", async () => {
    const nodes = Array.from({ length: 51 }, (_, i) => node(`n${i}`));
    const res = await create(user, graphWith(nodes, [], "n0"));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("graph.nodes");
  });

  it("refuses each template error with a 400 naming the node and the template", async () => {
    const typed = node("investigate", "Look.", { output: { root_cause: "str" } });
    const cases: [object[], object[], RegExp][] = [
      [
        [node("a", "Use {{ ghost.output }}")],
        [{ from: "a", to: "END" }],
        /\{\{ ghost\.output \}\} in node "a": unknown node "ghost"/,
      ],
      [
        [{ ...typed, id: "a" }, node("b", "Use {{ a.severity }}")],
        [
          { from: "a", to: "b" },
          { from: "b", to: "END" },
        ],
        /\{\{ a\.severity \}\} in node "b": node "a" declares no output field "severity"/,
      ],
      [
        [node("a", "[[simulate:reply:x]]"), node("b"), node("c", "Use {{ b.output }}")],
        [
          { from: "a", to: "b", when: "x" },
          { from: "a", to: "c" },
          { from: "b", to: "c" },
          { from: "c", to: "END" },
        ],
        /\{\{ b\.output \}\} in node "c": node "b" is not certain to have run before it/,
      ],
      [
        [node("a", "Again {{ a.output }}")],
        [{ from: "a", to: "END" }],
        /node "a" is not certain to have run before it/,
      ],
      [[node("a", "{{ a.b.c }}")], [{ from: "a", to: "END" }], /\{\{ a\.b\.c \}\} in node "a": use \{\{ input \}\}/],
    ];
    for (const [nodes, edges, message] of cases) {
      const res = await create(user, graphWith(nodes, edges));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.details[0].field).toMatch(/^graph\.nodes\.\d+\.systemPrompt$/);
    }
    // Templates that are sound save.
    const ok = await create(
      user,
      graphWith(
        [{ ...typed, id: "a" }, node("b", "Cause: {{ a.root_cause }}; all: {{ a.output }}; asked: {{ input }}")],
        [
          { from: "a", to: "b" },
          { from: "b", to: "END" },
        ],
      ),
    );
    expect(ok.status).toBe(201);
  });

  it("refuses two shapes at once", async () => {
    const res = await create(user, { name: "x", crew: [{ role: "a", systemPrompt: "b" }], chain: [node("a")] });
    expect(res.status).toBe(400);
  });
});

describe("sugar", () => {
  it("chain expands to a line of nodes ending at END", async () => {
    const res = await create(user, {
      name: "Chain",
      chain: [
        { role: "planner", systemPrompt: "Plan." },
        { id: "write", role: "writer", systemPrompt: "Write." },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe("graph");
    expect(res.body.graph.start).toBe("node-1");
    expect(res.body.graph.nodes.map((n: { id: string }) => n.id)).toEqual(["node-1", "write"]);
    expect(res.body.graph.edges).toEqual([
      { from: "node-1", to: "write" },
      { from: "write", to: "END" },
    ]);
  });

  it("route expands to a classifier with one when-edge per branch", async () => {
    const res = await create(user, {
      name: "Route",
      route: {
        classifier: { role: "classifier", systemPrompt: "Reply billing or tech." },
        branches: {
          billing: { role: "billing agent", systemPrompt: "Handle billing." },
          tech: { role: "tech agent", systemPrompt: "Handle tech." },
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.graph.start).toBe("classify");
    expect(res.body.graph.edges).toEqual([
      { from: "classify", to: "billing", when: "billing" },
      { from: "classify", to: "tech", when: "tech" },
      { from: "billing", to: "END" },
      { from: "tech", to: "END" },
    ]);
  });

  it("parallel expands to a fan-out, the branches and a join-all merge", async () => {
    const res = await create(user, {
      name: "Parallel",
      parallel: {
        branches: [
          { role: "a", systemPrompt: "A." },
          { role: "b", systemPrompt: "B." },
        ],
        merge: { role: "writer", systemPrompt: "Merge." },
      },
    });
    expect(res.status).toBe(201);
    const g = res.body.graph;
    expect(g.start).toBe("fan-out");
    expect(g.nodes.find((n: { id: string }) => n.id === "merge").join).toBe("all");
    expect(g.edges).toEqual([
      { from: "fan-out", to: "branch-1" },
      { from: "fan-out", to: "branch-2" },
      { from: "branch-1", to: "merge" },
      { from: "branch-2", to: "merge" },
      { from: "merge", to: "END" },
    ]);
  });
});

describe("crew and graph endpoints", () => {
  it("a crew workflow shows its chain graph; its crew endpoints work; PUT /graph is 409", async () => {
    const id = await createOk(user, {
      name: "Crew",
      crew: [
        { role: "planner", systemPrompt: "Plan.", model: "claude-opus-4-7" },
        { role: "writer", systemPrompt: "Write." },
      ],
    });
    const wf = await get(user, getWorkflow, `/api/v1/workflows/${id}`, id);
    expect(wf.body.kind).toBe("crew");
    expect(wf.body.crew).toHaveLength(2);
    expect(wf.body.graph).toMatchObject({
      start: "agent-1",
      nodes: [
        {
          id: "agent-1",
          role: "planner",
          systemPrompt: "Plan.",
          model: { provider: "anthropic", model: "claude-opus-4-7" },
        },
        { id: "agent-2", role: "writer", systemPrompt: "Write." },
      ],
      edges: [
        { from: "agent-1", to: "agent-2" },
        { from: "agent-2", to: "END" },
      ],
    });
    expect((await get(user, getCrew, `/api/v1/workflows/${id}/crew`, id)).status).toBe(200);
    const graph = await get(user, getGraph, `/api/v1/workflows/${id}/graph`, id);
    expect(graph.status).toBe(200);
    graphVersionResponseSchema.parse(graph.body);
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: user.token }, { graph: triage("x").graph }),
      { id },
    );
    expect(put.status).toBe(409);
    expect(put.body.error.message).toMatch(/crew workflow/);
  });

  it("a graph workflow's crew endpoints answer 409; PUT /graph makes a new version, the same graph none", async () => {
    const id = await createOk(user, triage("Reply billing or tech."));
    const crew = await get(user, getCrew, `/api/v1/workflows/${id}/crew`, id);
    expect(crew.status).toBe(409);
    expect(crew.body.error.message).toMatch(/graph workflow.*\/graph/);
    const putC = await call(
      putCrew,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${id}/crew`,
        { token: user.token },
        { crew: [{ role: "a", systemPrompt: "b" }] },
      ),
      { id },
    );
    expect(putC.status).toBe(409);

    const next = triage("Reply billing or tech only.").graph;
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: user.token }, { graph: next, note: "stricter" }),
      { id },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, kind: "graph", created: true });
    const same = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: user.token }, { graph: next }),
      { id },
    );
    expect(same.body).toMatchObject({ version: 2, created: false });

    const bad = await call(
      putGraph,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${id}/graph`,
        { token: user.token },
        {
          graph: { ...next, edges: [...next.edges, { from: "tech", to: "nowhere" }] },
        },
      ),
      { id },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("graph.edges.4.to");

    const versions = await get(user, listVersions, `/api/v1/workflows/${id}/versions`, id);
    for (const v of versions.body.data) versionResponseSchema.parse(v);
    expect(versions.body.data.map((v: { kind: string; crew: unknown }) => [v.kind, v.crew])).toEqual([
      ["graph", null],
      ["graph", null],
    ]);
    const list = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows", { token: user.token }));
    expect(list.body.data.find((w: { id: string }) => w.id === id).kind).toBe("graph");
  });
});

describe("diagrams", () => {
  const diagram = (u: TestUser, id: string, format?: string) =>
    call(
      getDiagram,
      apiRequest("GET", `/api/v1/workflows/${id}/diagram${format ? `?format=${format}` : ""}`, { token: u.token }),
      { id },
    );

  it("draws the triage as Mermaid (the default) and DOT, with the when labels", async () => {
    const id = await createOk(user, triage("Reply billing or tech."));
    const mermaid = await diagram(user, id);
    expect(mermaid.status).toBe(200);
    expect(mermaid.body.format).toBe("mermaid");
    expect(mermaid.body.source).toBe(
      [
        "flowchart TD",
        "  __start__([START])",
        "  __end__([END])",
        '  classify["classify: classifier"]',
        '  billing["billing: billing agent"]',
        '  tech["tech: tech agent"]',
        "  __start__ --> classify",
        '  classify -->|"billing"| billing',
        '  classify -->|"tech"| tech',
        "  billing --> __end__",
        "  tech --> __end__",
        "",
      ].join("\n"),
    );
    const dot = await diagram(user, id, "dot");
    expect(dot.body.format).toBe("dot");
    expect(dot.body.source).toContain('"classify" -> "billing" [label="billing"];');
    expect(dot.body.source).toContain('"tech" -> "__end__";');
    expect(dot.body.source.startsWith("digraph workflow {")).toBe(true);
    expect((await diagram(user, id, "svg")).status).toBe(400);
  });

  it("draws a crew as its chain, a loop with its back edge, and a parallel join", async () => {
    const crew = await createOk(user, { name: "Crew" });
    expect((await diagram(user, crew)).body.source).toContain("agent-1 --> agent-2");
    const loop = await createOk(
      user,
      graphWith(
        [node("a"), node("b", "Judge.")],
        [
          { from: "a", to: "b" },
          { from: "b", to: "a", when: "again" },
          { from: "b", to: "END", when: "done" },
        ],
      ),
    );
    const loopDot = (await diagram(user, loop, "dot")).body.source;
    expect(loopDot).toContain('"b" -> "a" [label="again"];');
    const parallel = await createOk(user, {
      name: "P",
      parallel: { branches: [{ role: "x", systemPrompt: "X." }], merge: { role: "w", systemPrompt: "W." } },
    });
    expect((await diagram(user, parallel)).body.source).toContain('merge["merge: w (join all)"]');
  });
});

describe("another workspace", () => {
  it("gets 404 from every new route", async () => {
    const id = await createOk(user, triage("Reply billing or tech."));
    expect((await get(other, getGraph, `/api/v1/workflows/${id}/graph`, id)).status).toBe(404);
    expect((await get(other, getDiagram, `/api/v1/workflows/${id}/diagram`, id)).status).toBe(404);
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: other.token }, { graph: triage("y").graph }),
      { id },
    );
    expect(put.status).toBe(404);
  });
});
