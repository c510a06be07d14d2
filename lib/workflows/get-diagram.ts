import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { getWorkflowOrThrow } from "./get-workflow-or-throw";
import { toDot, toMermaid } from "./graph/diagram";

/** The current graph of a workflow (crew or graph) as Mermaid or DOT source. */
export async function getDiagram(scope: Scope, workflowId: string, format: "mermaid" | "dot") {
  const { graph } = await getWorkflowOrThrow(scope, workflowId);
  return { format, source: format === "dot" ? toDot(graph) : toMermaid(graph) };
}
