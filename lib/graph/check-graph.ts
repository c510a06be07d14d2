import type { z } from "zod";
import { approvalIssues, isApprovalNode } from "./approval";
import { APPROVAL_ANSWER_FIELDS } from "./approval-schema";
import { edgesFrom, guaranteedBefore, reachableFrom, reachesEnd, templatesOf } from "./analysis";
import { END, type Graph } from "./types";

/* Pure: no server imports, so the editor and the command line apply the same rules as the API. */

/** One broken graph rule: the field it is about (`["nodes", 2, "systemPrompt"]`) and what is wrong. */
export interface GraphIssue {
  path: (string | number)[];
  message: string;
}

/** The rules a graph must keep to be saved, beyond each field's shape; each issue names its field. */
export function checkGraph(graph: Graph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const issue = (path: (string | number)[], message: string) => void issues.push({ path, message });
  const ids = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (ids.has(n.id)) issue(["nodes", i, "id"], `Duplicate node id "${n.id}"`);
    else ids.set(n.id, i);
  });
  if (!ids.has(graph.start)) issue(["start"], `Start node "${graph.start}" is not one of the nodes`);
  graph.edges.forEach((e, i) => {
    if (!ids.has(e.from)) issue(["edges", i, "from"], `Unknown node "${e.from}"`);
    if (e.to !== END && !ids.has(e.to)) issue(["edges", i, "to"], `Unknown node "${e.to}" (use a node id or END)`);
    if (e.when !== undefined && typeof e.when === "object") {
      const source = graph.nodes.find((n) => n.id === e.from);
      // An approval's edges route on its answer's fields (./approval.ts checks them).
      if (source && !isApprovalNode(source) && !source.output?.[e.when.field]) {
        issue(["edges", i, "when", "field"], `Node "${e.from}" declares no output field "${e.when.field}"`);
      }
    }
  });
  const sound = graph.edges.every((e) => ids.has(e.from) && (e.to === END || ids.has(e.to))) && ids.has(graph.start);
  if (!sound) return issues;

  const reachable = reachableFrom(graph, graph.start);
  graph.nodes.forEach((n, i) => {
    if (!reachable.has(n.id)) issue(["nodes", i, "id"], `Node "${n.id}" is not reachable from start "${graph.start}"`);
    else if (!reachesEnd(graph, n.id)) issue(["nodes", i, "id"], `Node "${n.id}" has no way to END`);
    const out = edgesFrom(graph, n.id);
    if (out.some((e) => e.when !== undefined) && out.filter((e) => e.when === undefined).length > 1) {
      issue(["nodes", i, "id"], `Node "${n.id}" routes on its output, so it can have at most one default edge`);
    }
  });

  graph.nodes.forEach((n, i) => {
    if (n.emits !== undefined && !n.output) {
      issue(["nodes", i, "emits"], `Node "${n.id}" emits "${n.emits}", so it must declare typed output fields`);
    }
  });

  issues.push(...approvalIssues(graph));

  const before = guaranteedBefore(graph);
  graph.nodes.forEach((n, i) => {
    for (const { text, ref } of templatesOf(n.systemPrompt)) {
      const problem = templateProblem(graph, before.get(n.id) ?? new Set(), ref);
      if (problem) issue(["nodes", i, "systemPrompt"], `Template ${text} in node "${n.id}": ${problem}`);
    }
  });
  return issues;
}

/** checkGraph as a zod refinement: each issue added to `ctx` at its path. */
export function addGraphIssues(graph: Graph, ctx: z.RefinementCtx): void {
  for (const { path, message } of checkGraph(graph)) ctx.addIssue({ code: "custom", path, message });
}

function templateProblem(graph: Graph, before: Set<string>, ref: string): string | null {
  if (ref === "input") return null;
  const [nodeId, field, ...rest] = ref.split(".").map((s) => s.trim());
  if (nodeId === "event") {
    if (!field || rest.length) return "use {{ event.<field> }}";
    if (!graph.trigger || !("event" in graph.trigger))
      return "the graph is not started by an event (set trigger.event)";
    return null;
  }
  if (!nodeId || !field || rest.length) {
    return "use {{ input }}, {{ event.<field> }}, {{ <node>.output }} or {{ <node>.<field> }}";
  }
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return `unknown node "${nodeId}"`;
  const answerField = isApprovalNode(node) && (APPROVAL_ANSWER_FIELDS as readonly string[]).includes(field);
  if (field !== "output" && !node.output?.[field] && !answerField) {
    return `node "${nodeId}" declares no output field "${field}"`;
  }
  if (!before.has(nodeId)) return `node "${nodeId}" is not certain to have run before it`;
  return null;
}
