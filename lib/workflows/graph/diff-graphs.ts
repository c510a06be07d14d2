/**
 * What changed between two versions of a graph: nodes, edges and the graph's own settings.
 * Pure, so the dashboard (version history, reflections) and tests use the same reading.
 */
import type { EdgeCondition, Graph, GraphEdge, GraphNode } from "./types";

/** A node's fields a change is reported in; `position` alone is a move, not a change. */
export const NODE_DIFF_FIELDS = [
  "role",
  "prompt",
  "model",
  "output",
  "join",
  "tools",
  "credentials",
  "emits",
  "budget",
] as const;
export type NodeDiffField = (typeof NODE_DIFF_FIELDS)[number];

/** The graph's settings a change is reported in. */
export const GRAPH_DIFF_SETTINGS = ["start", "maxSteps", "maxVisitsPerNode", "trigger", "budget"] as const;
export type GraphDiffSetting = (typeof GRAPH_DIFF_SETTINGS)[number];

export interface NodeChange {
  id: string;
  fields: NodeDiffField[];
}

export interface EdgeChange {
  from: string;
  to: string;
  before: EdgeCondition | undefined;
  after: EdgeCondition | undefined;
}

export interface SettingChange {
  setting: GraphDiffSetting;
  before: unknown;
  after: unknown;
}

export interface GraphDiff {
  nodes: {
    added: string[];
    removed: string[];
    changed: NodeChange[];
    /** Nodes whose only difference is where the editor drew them (both versions had a position). */
    moved: string[];
  };
  edges: { added: GraphEdge[]; removed: GraphEdge[]; changed: EdgeChange[] };
  settings: SettingChange[];
  /** True when nothing but positions differs. */
  same: boolean;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
/** Lists whose order carries no meaning (tools, credentials) compare as sets. */
const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  same([...(a ?? [])].sort(), [...(b ?? [])].sort());
/** An empty output or list is the same as none. */
const orNone = <T extends object>(v: T | undefined) => (v && Object.keys(v).length ? v : undefined);

function nodeFields(a: GraphNode, b: GraphNode): NodeDiffField[] {
  const changed: Record<NodeDiffField, boolean> = {
    role: a.role !== b.role,
    prompt: a.systemPrompt !== b.systemPrompt,
    model: !same(a.model, b.model),
    output: !same(orNone(a.output), orNone(b.output)),
    join: (a.join ?? null) !== (b.join ?? null),
    tools: !sameSet(a.tools, b.tools),
    credentials: !sameSet(a.credentials, b.credentials),
    emits: (a.emits ?? null) !== (b.emits ?? null),
    budget: !same(a.budget, b.budget),
  };
  return NODE_DIFF_FIELDS.filter((f) => changed[f]);
}

const edgeKey = (e: Pick<GraphEdge, "from" | "to">) => `${e.from}\u0000${e.to}`;

/** The first edge per from → to pair (the router reads the first one that matches). */
function edgeMap(edges: readonly GraphEdge[]): Map<string, GraphEdge> {
  const map = new Map<string, GraphEdge>();
  for (const e of edges) if (!map.has(edgeKey(e))) map.set(edgeKey(e), e);
  return map;
}

/** How `b` differs from `a` (a is the older version). Nodes match by id, edges by from → to. */
export function diffGraphs(a: Graph, b: Graph): GraphDiff {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const nodes: GraphDiff["nodes"] = {
    added: b.nodes.filter((n) => !before.has(n.id)).map((n) => n.id),
    removed: a.nodes.filter((n) => !after.has(n.id)).map((n) => n.id),
    changed: [],
    moved: [],
  };
  for (const node of b.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    const fields = nodeFields(old, node);
    if (fields.length) nodes.changed.push({ id: node.id, fields });
    // A node laid out automatically has no position; getting its first one is not a move.
    else if (old.position && node.position && !same(old.position, node.position)) nodes.moved.push(node.id);
  }

  const edgesBefore = edgeMap(a.edges);
  const edgesAfter = edgeMap(b.edges);
  const edges: GraphDiff["edges"] = {
    added: [...edgesAfter.values()].filter((e) => !edgesBefore.has(edgeKey(e))),
    removed: [...edgesBefore.values()].filter((e) => !edgesAfter.has(edgeKey(e))),
    changed: [],
  };
  for (const [key, e] of edgesAfter) {
    const old = edgesBefore.get(key);
    if (old && !same(old.when, e.when)) edges.changed.push({ from: e.from, to: e.to, before: old.when, after: e.when });
  }

  const settings = GRAPH_DIFF_SETTINGS.filter((s) => !same(a[s], b[s])).map((setting) => ({
    setting,
    before: a[setting],
    after: b[setting],
  }));

  const unchanged =
    !nodes.added.length &&
    !nodes.removed.length &&
    !nodes.changed.length &&
    !edges.added.length &&
    !edges.removed.length &&
    !edges.changed.length &&
    !settings.length;
  return { nodes, edges, settings, same: unchanged };
}
