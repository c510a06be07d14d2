/**
 * The editor's working copy of a graph. Nodes and edges carry stable keys, so
 * renaming a node keeps its edges, and problems stay on the node being typed in.
 */
import { END, type Graph, type GraphEdge, type GraphNode, type OutputType } from "@/lib/graph/types";

export interface DraftField {
  key: string;
  name: string;
  type: string;
}

/** Node fields the editor does not show (tools, credentials, emits, budget) travel untouched. */
type KeptNodeFields = Omit<
  GraphNode,
  "id" | "role" | "systemPrompt" | "model" | "output" | "join" | "position" | "responseTone"
>;

export interface DraftNode {
  key: string;
  id: string;
  role: string;
  systemPrompt: string;
  /** Blank: the workflow's default model. */
  model: string;
  output: DraftField[];
  join: boolean;
  /** Blank: the workflow's tone. */
  responseTone: string;
  position: { x: number; y: number };
  kept: KeptNodeFields;
}

export type WhenKind = "always" | "text" | "field";

export interface DraftEdge {
  key: string;
  /** A node key. */
  from: string;
  /** A node key, or END. */
  to: string;
  when: WhenKind;
  text: string;
  field: string;
  equals: string;
}

export interface Draft {
  /** The start node's key. */
  start: string;
  nodes: DraftNode[];
  edges: DraftEdge[];
  /** As typed: checked to be a whole number before saving. */
  maxSteps: string;
  maxVisitsPerNode: string;
  /** Blank: no tone. */
  responseTone: string;
  kept: Pick<Graph, "trigger" | "budget">;
}

let counter = 0;
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}${counter.toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A node not yet placed on the canvas: the next layout gives it a position. */
export const UNPLACED = { x: Number.NaN, y: Number.NaN };

export function isPlaced(p: { x: number; y: number }): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y);
}

export function toDraft(graph: Graph): Draft {
  const keyOf = new Map<string, string>();
  const nodes: DraftNode[] = graph.nodes.map((n) => {
    const { id, role, systemPrompt, model, output, join, position, responseTone, ...kept } = n;
    const key = newKey("n");
    keyOf.set(id, key);
    return {
      key,
      id,
      role,
      systemPrompt,
      model: typeof model === "string" ? model : "",
      output: Object.entries(output ?? {}).map(([name, type]) => ({ key: newKey("f"), name, type })),
      join: join === "all",
      responseTone: responseTone ?? "",
      position: position ? { x: position.x, y: position.y } : { ...UNPLACED },
      kept,
    };
  });
  const edges: DraftEdge[] = graph.edges.map((e) => ({
    key: newKey("e"),
    from: keyOf.get(e.from) ?? e.from,
    to: e.to === END ? END : (keyOf.get(e.to) ?? e.to),
    when: e.when === undefined ? "always" : typeof e.when === "string" ? "text" : "field",
    text: typeof e.when === "string" ? e.when : "",
    field: typeof e.when === "object" ? e.when.field : "",
    equals: typeof e.when === "object" ? String(e.when.equals) : "",
  }));
  const kept: Draft["kept"] = {};
  if (graph.trigger) kept.trigger = graph.trigger;
  if (graph.budget) kept.budget = graph.budget;
  return {
    start: keyOf.get(graph.start) ?? nodes[0]?.key ?? "",
    nodes,
    edges,
    maxSteps: String(graph.maxSteps),
    maxVisitsPerNode: String(graph.maxVisitsPerNode),
    responseTone: graph.responseTone ?? "",
    kept,
  };
}

/** A field condition's value as its source field's type reads it: numbers and booleans are not strings. */
function equalsValue(raw: string, type: string | undefined): string | number | boolean {
  const value = raw.trim();
  if ((type === "int" || type === "number") && value !== "" && Number.isFinite(Number(value))) return Number(value);
  if (type === "bool" && (value === "true" || value === "false")) return value === "true";
  return value;
}

function whenOf(edge: DraftEdge, source: DraftNode | undefined): GraphEdge["when"] {
  if (edge.when === "text") return edge.text.trim();
  if (edge.when === "field") {
    const field = edge.field.trim();
    const type = source?.output.find((f) => f.name.trim() === field)?.type;
    return { field, equals: equalsValue(edge.equals, type) };
  }
  return undefined;
}

function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The graph the draft stands for, as the API takes it. */
export function toGraph(draft: Draft): Graph {
  const byKey = new Map(draft.nodes.map((n) => [n.key, n]));
  const idOf = (key: string) => (key === END ? END : (byKey.get(key)?.id ?? key));
  const nodes: GraphNode[] = draft.nodes.map((n) => {
    const node: GraphNode = { id: n.id.trim(), role: n.role, systemPrompt: n.systemPrompt };
    if (n.model.trim()) node.model = n.model.trim();
    if (n.output.length) {
      node.output = Object.fromEntries(n.output.map((f) => [f.name.trim(), f.type.trim() as OutputType]));
    }
    if (n.join) node.join = "all";
    if (n.responseTone.trim()) node.responseTone = n.responseTone.trim();
    Object.assign(node, n.kept);
    if (isPlaced(n.position)) node.position = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    return node;
  });
  const edges: GraphEdge[] = draft.edges.map((e) => {
    const edge: GraphEdge = { from: idOf(e.from), to: idOf(e.to) };
    const when = whenOf(e, byKey.get(e.from));
    if (when !== undefined) edge.when = when;
    return edge;
  });
  return {
    start: idOf(draft.start),
    nodes,
    edges,
    maxSteps: whole(draft.maxSteps),
    maxVisitsPerNode: whole(draft.maxVisitsPerNode),
    ...(draft.responseTone.trim() ? { responseTone: draft.responseTone.trim() } : {}),
    ...draft.kept,
  };
}

/** A slug not used by any node yet: `node-3`. */
export function freeId(draft: Draft, base = "node"): string {
  const used = new Set(draft.nodes.map((n) => n.id));
  for (let i = draft.nodes.length + 1; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function newNode(draft: Draft, position: { x: number; y: number } = { ...UNPLACED }): DraftNode {
  const id = freeId(draft);
  return {
    key: newKey("n"),
    id,
    role: "",
    systemPrompt: "",
    model: "",
    output: [],
    join: false,
    responseTone: "",
    position,
    kept: {},
  };
}

export function newEdge(from: string, to: string): DraftEdge {
  return { key: newKey("e"), from, to, when: "always", text: "", field: "", equals: "" };
}

/** Removes a node and every edge touching it; the start moves to the first node left. */
export function removeNode(draft: Draft, key: string): Draft {
  const nodes = draft.nodes.filter((n) => n.key !== key);
  return {
    ...draft,
    nodes,
    edges: draft.edges.filter((e) => e.from !== key && e.to !== key),
    start: draft.start === key ? (nodes[0]?.key ?? "") : draft.start,
  };
}

export function updateNode(draft: Draft, key: string, patch: Partial<DraftNode>): Draft {
  return { ...draft, nodes: draft.nodes.map((n) => (n.key === key ? { ...n, ...patch } : n)) };
}

export function updateEdge(draft: Draft, key: string, patch: Partial<DraftEdge>): Draft {
  return { ...draft, edges: draft.edges.map((e) => (e.key === key ? { ...e, ...patch } : e)) };
}

/** Adds `from → to` unless that edge exists already (a second identical edge says nothing new). */
export function connect(draft: Draft, from: string, to: string): Draft {
  if (draft.edges.some((e) => e.from === from && e.to === to)) return draft;
  return { ...draft, edges: [...draft.edges, newEdge(from, to)] };
}

/** JSON-like values by content, key order aside; NaN (a cap typed as no whole number) equals itself. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(y, k) && sameValue(x[k], y[k]));
}

/** Graphs compare by content: the saved graph against the draft's, walked once, not serialised. */
export function sameGraph(a: Graph, b: Graph): boolean {
  return sameValue(a, b);
}
