import { APPROVAL_DECISIONS } from "./approval-schema";

/** The answer's fields an approval's edges may route on: its comment, or a field of its data ("data.priority"). */
const ANSWER_FIELD = /^(decision|comment|data\.[A-Za-z_][A-Za-z0-9_]*)$/;
import type { Graph, GraphNode } from "./types";

/* Pure: the approval node's rules, applied by checkGraph. */

export function isApprovalNode(node: Pick<GraphNode, "kind">): boolean {
  return node.kind === "approval";
}

/**
 * The approval node rules: no model-only fields on it, approval fields only on
 * it, edges labelled by decision or routing on a field of the answer
 * (`{ field: "data.priority", equals: "high" }`), each issue naming its edge.
 */
export function approvalIssues(graph: Graph): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  graph.nodes.forEach((n, i) => {
    if (!isApprovalNode(n)) {
      for (const field of ["approvers", "timeout"] as const) {
        if (n[field] !== undefined)
          issues.push({ path: ["nodes", i, field], message: `Only a node of kind "approval" takes ${field}` });
      }
      return;
    }
    for (const field of ["model", "output", "tools", "credentials", "emits"] as const) {
      if (n[field] !== undefined) {
        issues.push({ path: ["nodes", i, field], message: `An approval node calls no model, so it takes no ${field}` });
      }
    }
  });
  graph.edges.forEach((e, i) => {
    const source = graph.nodes.find((n) => n.id === e.from);
    if (!source || !isApprovalNode(source) || e.when === undefined) return;
    const edge = `Edge ${i} (${e.from} → ${e.to})`;
    if (typeof e.when === "object") {
      if (!ANSWER_FIELD.test(e.when.field)) {
        issues.push({
          path: ["edges", i, "when", "field"],
          message:
            `${edge}: node "${e.from}" is an approval, so its edges route on "approved", "rejected" or a field of ` +
            `the answer: "decision", "comment" or "data.<field>" (not "${e.when.field}")`,
        });
      }
      return;
    }
    const label = typeof e.when === "string" ? e.when.trim().toLowerCase() : null;
    if (label === null || !(APPROVAL_DECISIONS as readonly string[]).includes(label)) {
      issues.push({
        path: ["edges", i, "when"],
        message: `${edge}: node "${e.from}" is an approval: its edges take "approved", "rejected" or { field, equals } on its answer`,
      });
    }
  });
  return issues;
}
