import { isDeepStrictEqual } from "node:util";
import { toModelRef, type ModelRef } from "@/lib/models/model-ref";
import type { Budget, Graph, GraphNode } from "@/lib/workflows/graph/types";
import type { Crew } from "@/lib/workflows/schemas";

/**
 * What a reflection may change, and what it may not. A reflection reads step
 * outputs that came from outside (webhook data, fetched pages, MCP results),
 * so its patch is treated as untrusted: it may rewrite prompts, roles, the
 * order, edges, conditions and output shapes, but it may not change which
 * model or endpoint a step calls, the credentials or tools it holds, what it
 * emits or what triggers the workflow, and it may only lower budgets and caps.
 * A new node or agent holds none of those (it inherits the workflow's model).
 */

/** The part of a step a reflection may not change. */
interface Guarded {
  model: ModelRef | null;
  tools: readonly string[];
  credentials: readonly string[];
  emits: string | null;
}

function guarded(entry: {
  model?: string;
  tools?: readonly string[];
  credentials?: readonly string[];
  emits?: string;
}): Guarded {
  return {
    model: entry.model ? toModelRef(entry.model) : null,
    tools: [...(entry.tools ?? [])].sort(),
    credentials: [...(entry.credentials ?? [])].sort(),
    emits: entry.emits ?? null,
  };
}

const NONE: Guarded = { model: null, tools: [], credentials: [], emits: null };

/** The first guarded field that differs, named for the reflection's record. */
function changedField(before: Guarded, after: Guarded): string | null {
  if (!isDeepStrictEqual(before.model, after.model)) return "model";
  if (!isDeepStrictEqual(before.tools, after.tools)) return "tools";
  if (!isDeepStrictEqual(before.credentials, after.credentials)) return "credentials";
  if (before.emits !== after.emits) return "emits";
  return null;
}

/** Why `after` raises a budget of `before` (or drops one), or null when every limit stays or goes down. */
function budgetRaise(before: Budget | undefined, after: Budget | undefined): string | null {
  if (!before) return null;
  if (before.wall_clock !== undefined && !(after?.wall_clock !== undefined && after.wall_clock <= before.wall_clock)) {
    return "budget.wall_clock";
  }
  // Leaving waits out of a wall clock that counted them loosens it.
  if (before.wall_clock_includes_waiting && !after?.wall_clock_includes_waiting) {
    return "budget.wall_clock_includes_waiting";
  }
  if (before.spend && !(after?.spend && after.spend.usd <= before.spend.usd)) return "budget.spend.usd";
  return null;
}

/**
 * Why a crew patch oversteps, or null when it stays within what a reflection
 * may change. Each patched agent replaces at most one current agent, and each
 * current agent is replaced at most once: the one with its role (one with the
 * same model, tools, credentials and emits first, when several share the
 * role), else the one at its place when that role is gone. So a second copy of
 * an agent that holds a model or tools is a new agent, which holds none.
 */
export function crewPatchOverreach(current: Crew, patched: Crew): string | null {
  const taken = new Set<number>();
  for (const [i, agent] of patched.entries()) {
    const wanted = guarded(agent);
    const free = (c: Crew[number], k: number) => !taken.has(k) && c.role === agent.role;
    let j = current.findIndex((c, k) => free(c, k) && changedField(guarded(c), wanted) === null);
    if (j < 0) j = current.findIndex(free);
    if (j < 0 && current[i] && !taken.has(i) && !patched.some((p) => p.role === current[i]!.role)) j = i;
    if (j >= 0) taken.add(j);
    const before = j >= 0 ? current[j] : undefined;
    const field = changedField(before ? guarded(before) : NONE, wanted);
    if (field) {
      return before
        ? `it changes the ${field} of agent "${agent.role}", which a reflection may not change`
        : `it adds agent "${agent.role}" with its own ${field}, which a reflection may not give`;
    }
  }
  return null;
}

/** Why a graph patch oversteps, or null when it stays within what a reflection may change. */
export function graphPatchOverreach(current: Graph, patched: Graph): string | null {
  const byId = new Map<string, GraphNode>(current.nodes.map((n) => [n.id, n]));
  for (const node of patched.nodes) {
    const before = byId.get(node.id);
    const field = changedField(before ? guarded(before) : NONE, guarded(node));
    if (field) {
      return before
        ? `it changes the ${field} of node "${node.id}", which a reflection may not change`
        : `it adds node "${node.id}" with its own ${field}, which a reflection may not give`;
    }
    const raised = before ? budgetRaise(before.budget, node.budget) : null;
    if (raised) return `it raises or removes the ${raised} of node "${node.id}"; a reflection may only lower budgets`;
  }
  if (!isDeepStrictEqual(current.trigger ?? null, patched.trigger ?? null)) {
    return "it changes the workflow's trigger, which a reflection may not change";
  }
  const raised = budgetRaise(current.budget, patched.budget);
  if (raised) return `it raises or removes the workflow's ${raised}; a reflection may only lower budgets`;
  if (patched.maxSteps > current.maxSteps) return "it raises maxSteps; a reflection may only lower caps";
  if (patched.maxVisitsPerNode > current.maxVisitsPerNode) {
    return "it raises maxVisitsPerNode; a reflection may only lower caps";
  }
  return null;
}
