import { reachableFrom } from "@/lib/workflows/graph/analysis";
import { nextNodes } from "@/lib/workflows/graph/next-nodes";
import { END, type Graph, type GraphNode } from "@/lib/workflows/graph/types";

/** One visit the walk asks for: node `nodeId`'s `visit`-th, as step `index` of the run. */
export interface VisitPlan {
  index: number;
  nodeId: string;
  visit: number;
  /** Inside a parallel fan-out: the id of the branch's first node. */
  branch: string | null;
  /** Step indexes of the visits on its path (whose outputs it receives), in order. */
  path: number[];
}

export type VisitResult =
  | { status: "completed"; output?: string; data?: Record<string, unknown> }
  | { status: "failed" | "cancelled" | "skipped" };

export type WalkResult =
  /** The steps whose outputs are the run's output (several when parallel branches end together). */
  | { status: "completed"; endSteps: number[] }
  /** A cap (code "cap_exceeded") or a routing dead end (code "no_matching_edge"): the run fails with this error. */
  | { status: "failed"; error: string; code: typeof CAP_EXCEEDED | typeof NO_MATCHING_EDGE }
  /** A visit failed or the run was cancelled: finishing the run settles it from its steps. */
  | { status: "stopped" };

/** The error code of a run that hit maxSteps or maxVisitsPerNode. */
export const CAP_EXCEEDED = "cap_exceeded";

/** The error code of a run whose node answered something none of its edges takes, with no default edge. */
export const NO_MATCHING_EDGE = "no_matching_edge";

interface Token {
  node: string;
  path: number[];
  branch: string | null;
}

/**
 * Walks a graph in waves: the visits ready together run in parallel (one
 * `visit` call each, a durable step), then each one's edges, a pure function
 * of its journaled answer, give the next wave. A `join: "all"` node waits
 * while any other live branch can still reach it, then runs once with every
 * branch's path. The caps fail the walk naming the node and the cap. Replayed
 * with the same answers, it asks for the same visits with the same indexes.
 */
export async function walkGraph(
  graph: Graph,
  visit: (plan: VisitPlan, node: GraphNode) => Promise<VisitResult>,
): Promise<WalkResult> {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const visits = new Map<string, number>();
  let frontier: Token[] = [{ node: graph.start, path: [], branch: null }];
  let index = 0;
  let endSteps: number[] = [];

  while (frontier.length > 0) {
    const { ready, waiting } = readyTokens(graph, frontier, nodes);
    const plans: VisitPlan[] = [];
    for (const token of ready) {
      const count = (visits.get(token.node) ?? 0) + 1;
      if (index + 1 > graph.maxSteps) {
        return {
          status: "failed",
          code: CAP_EXCEEDED,
          error: `Node "${token.node}" hit the cap maxSteps (${graph.maxSteps} visits in a run)`,
        };
      }
      if (count > graph.maxVisitsPerNode) {
        return {
          status: "failed",
          code: CAP_EXCEEDED,
          error: `Node "${token.node}" hit the cap maxVisitsPerNode (${graph.maxVisitsPerNode} visits of one node)`,
        };
      }
      visits.set(token.node, count);
      plans.push({ index: index++, nodeId: token.node, visit: count, branch: token.branch, path: token.path });
    }
    const results = await Promise.all(plans.map((plan) => visit(plan, nodes.get(plan.nodeId)!)));

    const next: Token[] = [...waiting];
    const ended: number[] = [];
    for (const [i, plan] of plans.entries()) {
      const result = results[i]!;
      if (result.status !== "completed") return { status: "stopped" };
      const route = nextNodes(graph, plan.nodeId, result.output ?? "", result.data);
      if ("error" in route) return { status: "failed", error: route.error, code: NO_MATCHING_EDGE };
      const onward = route.targets.filter((t) => t !== END);
      if (onward.length < route.targets.length) ended.push(plan.index);
      for (const target of onward) {
        next.push({
          node: target,
          path: [...plan.path, plan.index],
          branch: onward.length > 1 ? target : plan.branch,
        });
      }
    }
    if (ended.length > 0) endSteps = ended;
    frontier = next;
  }
  return { status: "completed", endSteps };
}

/**
 * The tokens that can visit now. A join node's tokens wait while another live
 * token can still reach it; then they merge into one visit (paths joined).
 */
function readyTokens(graph: Graph, frontier: Token[], nodes: Map<string, GraphNode>) {
  const ready: Token[] = [];
  const waiting: Token[] = [];
  const joins = new Map<string, Token[]>();
  for (const token of frontier) {
    if (nodes.get(token.node)?.join === "all") joins.set(token.node, [...(joins.get(token.node) ?? []), token]);
    else ready.push(token);
  }
  for (const [node, tokens] of joins) {
    const pending = frontier.some((t) => t.node !== node && reachableFrom(graph, t.node).has(node));
    if (pending && ready.length > 0) waiting.push(...tokens);
    else ready.push({ node, path: [...new Set(tokens.flatMap((t) => t.path))].sort((a, b) => a - b), branch: null });
  }
  return { ready, waiting };
}
