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
}

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
}

export const END = "END";
