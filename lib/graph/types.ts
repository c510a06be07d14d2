import type { z } from "zod";
import type { storedGraphSchema } from "./schemas";

/* The graph's types, read off its schemas (lib/graph/schemas.ts) so they cannot drift from them. */

export type { OutputType } from "./output-types";
export type { Budget } from "./budget";
export type { GraphTrigger } from "./trigger";

/** A graph workflow as stored and served. */
export type Graph = z.output<typeof storedGraphSchema>;
export type GraphNode = Graph["nodes"][number];
export type GraphEdge = Graph["edges"][number];
export type EdgeCondition = NonNullable<GraphEdge["when"]>;

export const END = "END";

/** Template namespaces that are not node ids: `{{ input }}` and `{{ event.<field> }}`. */
export const RESERVED_NODE_IDS = ["input", "event"] as const;
