import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { modelLabel } from "@/lib/models/model-ref";
import { getWorkflowOrThrow } from "./get-workflow-or-throw";
import { toDot, toMermaid } from "./graph/diagram";

/** The current graph of a workflow (crew or graph) as Mermaid or DOT source. */
export async function getDiagram(scope: Scope, workflowId: string, format: "mermaid" | "dot") {
  const { graph: shown } = await getWorkflowOrThrow(scope, workflowId);
  // Diagrams label nodes with the model's short form.
  const graph = { ...shown, nodes: shown.nodes.map((n) => ({ ...n, model: n.model && modelLabel(n.model) })) };
  return { format, source: format === "dot" ? toDot(graph) : toMermaid(graph) };
}
