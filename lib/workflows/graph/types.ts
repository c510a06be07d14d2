/** A graph workflow as stored and served (see lib/workflows/graph/schemas.ts). */
export type OutputType = "str" | "int" | "number" | "bool" | "url" | "list[str]" | `enum[${string}]`;

export interface GraphNode {
  id: string;
  role: string;
  systemPrompt: string;
  model?: string;
  output?: Record<string, OutputType>;
  join?: "all";
  /** Tools the node may call: "http_request", "workflow:<id>", "mcp:<server>". */
  tools?: string[];
  /** Credential ids its http_request calls may send. */
  credentials?: string[];
  /** An event type's name: the node's typed output is emitted as that event when it completes. */
  emits?: string;
  /** Limits checked at every step boundary while this node runs. */
  budget?: Budget;
  /** Where the editor drew the node; absent means "lay it out automatically". */
  position?: { x: number; y: number };
}

/** Wall-clock minutes (fractions allowed) and/or spend in USD; at least one is set. */
export interface Budget {
  wall_clock?: number;
  spend?: { usd: number };
}

/** What starts a graph besides a run request: an event type's name, or a cron schedule. */
export type GraphTrigger = { event: string } | { cron: string; timezone: string };

export type EdgeCondition = string | { field: string; equals: string | number | boolean };

export interface GraphEdge {
  from: string;
  to: string;
  when?: EdgeCondition;
}

export interface Graph {
  start: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  maxSteps: number;
  maxVisitsPerNode: number;
  trigger?: GraphTrigger;
  budget?: Budget;
}

export const END = "END";

/** Template namespaces that are not node ids: `{{ input }}` and `{{ event.<field> }}`. */
export const RESERVED_NODE_IDS = ["input", "event"] as const;
