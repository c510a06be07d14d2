/**
 * Problems of a draft, each pinned to the node, edge or graph field it is about: the
 * shape rules the API applies to each field, then checkGraph (the API's own graph rules).
 */
import { checkGraph } from "@/lib/workflows/graph/check-graph";
import { outputTypeSchema } from "@/lib/workflows/graph/output-types";
import {
  MAX_GRAPH_EDGES as MAX_EDGES,
  MAX_GRAPH_NODES as MAX_NODES,
  MAX_MAX_STEPS as MAX_STEPS,
  MAX_SYSTEM_PROMPT_CHARS as MAX_PROMPT_CHARS,
} from "@/lib/workflows/graph/limits";
import { END } from "@/lib/workflows/graph/types";
import { toGraph, type Draft } from "./draft";

const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const FIELD = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;

export type Target =
  | { kind: "node"; key: string; field: string }
  | { kind: "edge"; key: string; field: string }
  | { kind: "graph"; field: string };

export interface Problem {
  target: Target;
  message: string;
}

/** What to do about each of checkGraph's findings, added to its message. */
const HINTS: [RegExp, string][] = [
  [/is not reachable from start/, "Connect an edge into it, or delete it."],
  [/has no way to END/, "Add an edge from it (or from a node after it) to END."],
  [/at most one default edge/, "Give the other edges a condition (when)."],
  [/declares no output field/, "Add that typed output field to the node, or change the reference."],
  [
    /is not certain to have run before it/,
    "Reference a node on every path before this one, or mark this node as a join.",
  ],
  [/unknown node/, "Use the id of an existing node."],
  [/Duplicate node id/, "Give each node its own id."],
  [/emits .* typed output fields/, "Add at least one typed output field."],
];

export function withHint(message: string): string {
  const hint = HINTS.find(([re]) => re.test(message))?.[1];
  return hint && !message.endsWith(hint) ? `${message}. ${hint}` : message;
}

/** Maps an API or checkGraph path (`nodes.2.systemPrompt`, `edges.0.when.field`) to what it is about. */
export function targetOf(draft: Draft, path: readonly (string | number)[]): Target {
  const [head, index, field, ...rest] = path;
  const i = Number(index);
  if (head === "nodes" && draft.nodes[i]) {
    const node = draft.nodes[i]!;
    if (field === "output" && rest.length) {
      const f = node.output.find((o) => o.name.trim() === String(rest[0]));
      return { kind: "node", key: node.key, field: f ? `output.${f.key}` : "output" };
    }
    return { kind: "node", key: node.key, field: field === undefined ? "id" : String(field) };
  }
  if (head === "edges" && draft.edges[i]) {
    return { kind: "edge", key: draft.edges[i]!.key, field: field === undefined ? "to" : String(field) };
  }
  if (head === "start") {
    const start = draft.nodes.find((n) => n.key === draft.start);
    if (start) return { kind: "node", key: start.key, field: "id" };
  }
  return { kind: "graph", field: head === undefined ? "graph" : String(head) };
}

/** The API's field errors (`graph.nodes.1.role` → message) as problems on the draft. */
export function problemsFromFieldErrors(draft: Draft, fields: Record<string, string>): Problem[] {
  return Object.entries(fields)
    .filter(([field]) => field === "graph" || field.startsWith("graph."))
    .map(([field, message]) => ({
      target: targetOf(
        draft,
        field
          .split(".")
          .slice(1)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      ),
      message: withHint(message),
    }));
}

function shapeProblems(draft: Draft): Problem[] {
  const out: Problem[] = [];
  const node = (key: string, field: string, message: string) =>
    out.push({ target: { kind: "node", key, field }, message });
  const edge = (key: string, field: string, message: string) =>
    out.push({ target: { kind: "edge", key, field }, message });
  const graph = (field: string, message: string) => out.push({ target: { kind: "graph", field }, message });

  if (draft.nodes.length === 0) graph("nodes", "A graph needs at least 1 node: add one.");
  if (draft.nodes.length > MAX_NODES) graph("nodes", `A graph has at most ${MAX_NODES} nodes: delete some.`);
  if (draft.edges.length > MAX_EDGES) graph("edges", `A graph has at most ${MAX_EDGES} edges: delete some.`);
  for (const [field, text] of [
    ["maxSteps", draft.maxSteps],
    ["maxVisitsPerNode", draft.maxVisitsPerNode],
  ] as const) {
    const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= 1 && n <= MAX_STEPS)) graph(field, `Use a whole number from 1 to ${MAX_STEPS}.`);
  }

  for (const n of draft.nodes) {
    const id = n.id.trim();
    if (!SLUG.test(id)) node(n.key, "id", "Use a slug: lowercase letters, digits, - and _, at most 40 characters.");
    else if (id === "input") node(n.key, "id", '"input" is reserved for {{ input }}: choose another id.');
    else if (id === "event") node(n.key, "id", '"event" is reserved for {{ event.<field> }}: choose another id.');
    if (!n.role.trim()) node(n.key, "role", "Role is required: say what this agent does.");
    else if (n.role.trim().length > 60) node(n.key, "role", "Use at most 60 characters.");
    if (!n.systemPrompt.trim()) node(n.key, "systemPrompt", "System prompt is required: tell the agent its job.");
    else if (n.systemPrompt.length > MAX_PROMPT_CHARS) {
      node(n.key, "systemPrompt", `Use at most ${MAX_PROMPT_CHARS} characters.`);
    }
    if (n.model.trim().length > 100 && !n.model.trim().startsWith("{"))
      node(n.key, "model", "Use at most 100 characters.");
    if (n.output.length > 20) node(n.key, "output", "Declare 1 to 20 fields: delete some.");
    const names = new Set<string>();
    for (const f of n.output) {
      const name = f.name.trim();
      if (!FIELD.test(name))
        node(n.key, `output.${f.key}`, "Name the field with letters, digits and _ (not starting with a digit).");
      else if (names.has(name)) node(n.key, `output.${f.key}`, `Field "${name}" is declared twice: rename one.`);
      names.add(name);
      const type = outputTypeSchema.safeParse(f.type.trim());
      if (!type.success) node(n.key, `output.${f.key}`, "Use str, int, number, bool, url, list[str] or enum[a, b].");
    }
  }

  const keys = new Set(draft.nodes.map((n) => n.key));
  for (const e of draft.edges) {
    if (!keys.has(e.from)) edge(e.key, "from", "Choose the node this edge leaves from.");
    if (e.to !== END && !keys.has(e.to)) edge(e.key, "to", "Choose a node or END.");
    if (e.when === "text") {
      if (!e.text.trim()) edge(e.key, "when", "Type the answer that takes this edge, or make it unconditional.");
      else if (e.text.trim().length > 200) edge(e.key, "when", "Use at most 200 characters.");
    }
    if (e.when === "field") {
      if (!e.field.trim()) edge(e.key, "when", "Choose the typed output field this edge tests.");
      else if (!e.equals.trim()) edge(e.key, "when", "Type the value the field must equal.");
    }
  }
  return out;
}

/** Every problem of the draft: its fields' shape, then (once the shape holds) the API's graph rules. */
export function draftProblems(draft: Draft): Problem[] {
  const shape = shapeProblems(draft);
  const graph = toGraph(draft);
  const found: Problem[] = checkGraph(graph).map((issue) => ({
    target: targetOf(draft, issue.path),
    message: withHint(issue.message),
  }));
  // A field already wrong by its shape needs no second message about the same thing.
  const seen = new Set(shape.map((p) => JSON.stringify(p.target)));
  return [...shape, ...found.filter((p) => !seen.has(JSON.stringify(p.target)))];
}

/** Problems per node key, edge key and graph field, for marking them. */
export interface ProblemIndex {
  nodes: Map<string, Problem[]>;
  edges: Map<string, Problem[]>;
  graph: Problem[];
}

export function indexProblems(problems: readonly Problem[]): ProblemIndex {
  const index: ProblemIndex = { nodes: new Map(), edges: new Map(), graph: [] };
  for (const p of problems) {
    if (p.target.kind === "graph") index.graph.push(p);
    else {
      const map = p.target.kind === "node" ? index.nodes : index.edges;
      map.set(p.target.key, [...(map.get(p.target.key) ?? []), p]);
    }
  }
  return index;
}

/** The first message about one field of a node or edge. */
export function fieldError(index: ProblemIndex, kind: "node" | "edge", key: string, field: string): string | undefined {
  const list = (kind === "node" ? index.nodes : index.edges).get(key) ?? [];
  return list.find((p) => p.target.field === field)?.message;
}
