import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { toDraft } from "@/components/workflows/graph-editor/draft";
import { draftProblems } from "@/components/workflows/graph-editor/validate";
import { compileProject } from "@/lib/projects/compile-project";
import { formatProject } from "@/lib/projects/format-project";
import { REGISTRY_FILE, type CompileError } from "@/lib/projects/types";
import { graphSchema } from "@/lib/workflows/graph/schemas";
import { END, type Graph } from "@/lib/workflows/graph/types";
import { apiRequest, call, makeUser } from "../support/factory";

/*
 * One corpus of graphs through the API's schema, the compiler (as a project) and the
 * editor's validator. Each verdict is read as the set of things it blames:
 * - the API's path: `nodes.<i>.…` → that node; `edges.<i>.…` → the step the edge leads to
 *   (the one it leaves for an edge to END), which is where the project writes it (after: / end:);
 *   `budget`, `maxSteps`, `maxVisitsPerNode` → the registry; `nodes` or `edges` as a whole → the start node;
 * - the compiler's file: `workflows/<dir>/<id>.md` → that node, registry.yml → the registry;
 * - the editor's target: a node → that node, an edge → as the API's edge, a graph field → as the API's path.
 */

const MODEL = "claude-sonnet-4-6";
const node = (id: string, extra: Partial<Graph["nodes"][number]> = {}) => ({
  id,
  role: `${id} agent`,
  systemPrompt: `Do the ${id} part of {{ input }}.`,
  ...extra,
});
const chain = (ids: string[], extra: Partial<Graph> = {}): Graph => ({
  start: ids[0]!,
  nodes: ids.map((id) => node(id)),
  edges: ids.map((id, i) => ({ from: id, to: ids[i + 1] ?? END })),
  maxSteps: 50,
  maxVisitsPerNode: 5,
  ...extra,
});
const many = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
/** Every forward pair among `ids`: n(n-1)/2 edges, then each to END. */
const dense = (ids: string[]): Graph => ({
  ...chain(ids),
  nodes: ids.map((id) => node(id, ids.indexOf(id) > 1 ? { join: "all" } : {})),
  edges: [...ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ from: a, to: b }))), { from: ids.at(-1)!, to: END }],
});

const corpus: [string, Graph, string[]][] = [
  ["a valid chain", chain(["read", "reply"]), []],
  [
    "a valid graph with typed output, a field condition and budgets",
    {
      ...chain(["read", "reply"]),
      nodes: [node("read", { output: { kind: "enum[a, b]" } }), node("reply", { budget: { spend: { usd: 2 } } })],
      edges: [
        { from: "read", to: "reply", when: { field: "kind", equals: "a" } },
        { from: "read", to: END },
        { from: "reply", to: END },
      ],
      budget: { wall_clock: 60 },
    },
    [],
  ],
  [
    "a node's budget over the cap",
    { ...chain(["read", "reply"]), nodes: [node("read"), node("reply", { budget: { spend: { usd: 20_000 } } })] },
    ["node:reply"],
  ],
  ["the workflow's budget over the cap", chain(["read", "reply"], { budget: { wall_clock: 20_000 } }), ["registry"]],
  ["max steps over the cap", chain(["read", "reply"], { maxSteps: 500 }), ["registry"]],
  ["a node id that is not a slug", chain(["read", "Reply_Now"]), ["node:Reply_Now"]],
  [
    "a bad output field name",
    { ...chain(["read", "reply"]), nodes: [node("read", { output: { "1st": "str" } }), node("reply")] },
    ["node:read"],
  ],
  [
    "a bad output type",
    { ...chain(["read", "reply"]), nodes: [node("read", { output: { first: "text" as "str" } }), node("reply")] },
    ["node:read"],
  ],
  [
    "nodes not reachable from the start",
    {
      ...chain(["read", "reply"]),
      nodes: [node("read"), node("reply"), node("loop"), node("stray")],
      edges: [
        { from: "read", to: "reply" },
        { from: "reply", to: END },
        { from: "stray", to: "loop" },
        { from: "loop", to: "stray" },
        { from: "loop", to: END },
      ],
    },
    ["node:loop", "node:stray"],
  ],
  [
    "no way to END",
    {
      ...chain(["read", "a", "b"]),
      edges: [
        { from: "read", to: "a" },
        { from: "a", to: "b" },
        { from: "b", to: "a" },
      ],
    },
    ["node:a", "node:b", "node:read"],
  ],
  [
    "a template naming no node",
    {
      ...chain(["read", "reply"]),
      nodes: [node("read"), node("reply", { systemPrompt: "Answer {{ raed.output }}." })],
    },
    ["node:reply"],
  ],
  [
    "a template of a node not certain to have run",
    { ...chain(["read", "reply"]), nodes: [node("read", { systemPrompt: "Read {{ reply.output }}." }), node("reply")] },
    ["node:read"],
  ],
  ["51 nodes", chain(many(51)), ["node:s1"]],
  ["over 200 edges", dense(many(21)), ["node:s1"]],
];

function blamedByApi(graph: Graph, path: PropertyKey[]): string {
  const [kind, i] = path;
  if (kind === "nodes" && typeof i === "number") return `node:${graph.nodes[i]!.id}`;
  if (kind === "edges" && typeof i === "number") {
    const e = graph.edges[i]!;
    return `node:${e.to === END ? e.from : e.to}`;
  }
  if (kind === "nodes" || kind === "edges") return `node:${graph.start}`;
  return "registry";
}

function blamedByCompiler(error: CompileError): string {
  if (error.file === REGISTRY_FILE) return "registry";
  return `node:${/^workflows\/[^/]+\/(.+)\.md$/.exec(error.file)![1]}`;
}

const set = (items: string[]) => [...new Set(items)].sort();
const project = (graph: Graph) =>
  formatProject({ workflows: [{ name: "flow", description: null, model: MODEL, graph }], events: [] });

describe("one verdict: the API's schema, the compiler and the editor agree on every graph", () => {
  it.each(corpus)("%s", (_, graph, blamed) => {
    const api = graphSchema.safeParse(graph);
    const apiBlamed = set(api.success ? [] : api.error.issues.map((i) => blamedByApi(graph, i.path)));
    expect(apiBlamed).toEqual(blamed);

    const compiled = compileProject(project(graph));
    expect(set(compiled.ok ? [] : compiled.errors.map(blamedByCompiler))).toEqual(blamed);

    const draft = toDraft(graph);
    const idOfKey = new Map(draft.nodes.map((n) => [n.key, n.id]));
    const editorBlamed = draftProblems(draft).map(({ target }) => {
      if (target.kind === "node") return `node:${idOfKey.get(target.key)}`;
      if (target.kind === "edge")
        return blamedByApi(graph, ["edges", draft.edges.findIndex((e) => e.key === target.key)]);
      return blamedByApi(graph, [target.field]);
    });
    expect(set(editorBlamed)).toEqual(blamed);
  });

  it("loopllama compile and POST /api/v1/projects/import give the same verdict on every project", async () => {
    const user = await makeUser();
    for (const [name, graph, blamed] of corpus) {
      const files = project(graph);
      const compiled = compileProject(files);
      const res = await call(
        importRoute,
        apiRequest("POST", "/api/v1/projects/import", { token: user.token }, { files }),
      );
      const details = (res.body?.error?.details ?? []) as { file: string }[];
      expect({ name, status: res.status }).toEqual({ name, status: compiled.ok ? 200 : 400 });
      expect(compiled.ok).toBe(blamed.length === 0);
      if (!compiled.ok) {
        const files = details.map((d) => d.file);
        expect({ name, files: set(files) }).toEqual({ name, files: set(compiled.errors.map((e) => e.file)) });
      }
    }
  });
});
