/**
 * Problems of a draft, each pinned to the node, edge or graph field it is about: the
 * graph module's own checks (lib/graph: each field's shape, then checkGraph), the same
 * the API and the compiler apply, with their paths mapped to the editor's fields and
 * their messages told as what to do.
 */
import { checkGraph, type GraphIssue } from "@/lib/graph/check-graph";
import { MAX_MAX_STEPS as MAX_STEPS } from "@/lib/graph/limits";
import { graphShapeSchema } from "@/lib/graph/schemas";
import { toGraph, type Draft } from "./draft";

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

/** The editor's wording of a shape message about `field` (a target's field), else the message itself. */
const WORDING: [field: RegExp, message: RegExp, say: string][] = [
  [/^graph:nodes$/, /at least 1 node/, "A graph needs at least 1 node: add one."],
  [/^graph:(nodes|edges)$/, /^.*at most.*$/, "$&: delete some."],
  [/^graph:(maxSteps|maxVisitsPerNode)$/, /.*/, `Use a whole number from 1 to ${MAX_STEPS}.`],
  [/^node:id$/, /^"(input|event)" is reserved.*$/, "$&: choose another id."],
  [/^node:role$/, /^Role is required$/, "Role is required: say what this agent does."],
  [/^node:systemPrompt$/, /^System prompt is required$/, "System prompt is required: tell the agent its job."],
  [/^node:output\./, /^Use a field name/, "Name the field with letters, digits and _ (not starting with a digit)."],
  [/^node:output$/, /^Declare 1 to 20 fields$/, "Declare 1 to 20 fields: delete some."],
  [/^edge:when$/, /^When is required$/, "Type the answer that takes this edge, or make it unconditional."],
  // zod's own words, or the browser's (lib/validation/messages.ts) for the blank `when.field`.
  [/^edge:when$/, /^(Too small|Field is required)/, "Choose the typed output field this edge tests."],
  [/^edge:from$/, /^Unknown node/, "Choose the node this edge leaves from."],
  [/^edge:to$/, /^Unknown node/, "Choose a node or END."],
];

function worded(target: Target, message: string): string {
  const field = `${target.kind}:${target.field}`;
  const rule = WORDING.find(([f, m]) => f.test(field) && m.test(message));
  if (!rule) {
    const hinted = withHint(message);
    return hinted !== message || /[.!?]$/.test(message) ? hinted : `${message}.`;
  }
  return rule[2].includes("$&") ? message.replace(rule[1], rule[2]) : rule[2];
}

/** The graph module's issues as problems on the draft. */
function problemsOf(draft: Draft, issues: readonly GraphIssue[]): Problem[] {
  return issues.map(({ path, message }) => {
    const target = targetOf(draft, path);
    return { target, message: worded(target, message) };
  });
}

/** What the graph cannot carry, so only the draft shows: a field name typed twice, a condition's blank value. */
function draftOnlyProblems(draft: Draft): Problem[] {
  const out: Problem[] = [];
  for (const n of draft.nodes) {
    const names = new Set<string>();
    for (const f of n.output) {
      const name = f.name.trim();
      if (names.has(name)) {
        const message = `Field "${name}" is declared twice: rename one.`;
        out.push({ target: { kind: "node", key: n.key, field: `output.${f.key}` }, message });
      }
      names.add(name);
    }
  }
  for (const e of draft.edges) {
    if (e.when === "field" && e.field.trim() && !e.equals.trim()) {
      out.push({
        target: { kind: "edge", key: e.key, field: "when" },
        message: "Type the value the field must equal.",
      });
    }
  }
  return out;
}

/**
 * Every problem of the draft: each field's shape (the graph module's schema) and the
 * graph's rules (checkGraph), run as you type; then what only the draft can show.
 */
export function draftProblems(draft: Draft): Problem[] {
  const graph = toGraph(draft);
  const parsed = graphShapeSchema.safeParse(graph);
  const shape = problemsOf(draft, parsed.success ? [] : parsed.error.issues.map(asGraphIssue));
  const rules = problemsOf(draft, checkGraph(graph));
  // A field already wrong by its shape needs no second message about the same thing.
  const all = [...shape, ...draftOnlyProblems(draft)];
  const seen = new Set(all.map((p) => JSON.stringify(p.target)));
  return [...all, ...rules.filter((p) => !seen.has(JSON.stringify(p.target)))];
}

function asGraphIssue(issue: { path: PropertyKey[]; message: string }): GraphIssue {
  return { path: issue.path.filter((p) => typeof p !== "symbol"), message: issue.message };
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
