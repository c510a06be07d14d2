import { END, type Graph, type GraphEdge } from "./types";

function label(edge: GraphEdge): string | null {
  if (edge.when === undefined) return null;
  return typeof edge.when === "string" ? edge.when : `${edge.when.field} = ${String(edge.when.equals)}`;
}

const mermaidText = (s: string) => s.replace(/"/g, "#quot;").replace(/\|/g, "#124;");
const dotText = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/**
 * The graph as a Mermaid flowchart: START and END as terminals, each node by
 * its id and role (parallel joins marked), edges labelled with their `when`.
 */
export function toMermaid(graph: Graph): string {
  const lines = ["flowchart TD", "  __start__([START])", "  __end__([END])"];
  for (const n of graph.nodes) {
    const text = mermaidText(`${n.id}: ${n.role}${n.join ? " (join all)" : ""}`);
    lines.push(`  ${n.id}["${text}"]`);
  }
  lines.push(`  __start__ --> ${graph.start}`);
  for (const e of graph.edges) {
    const to = e.to === END ? "__end__" : e.to;
    const text = label(e);
    lines.push(text === null ? `  ${e.from} --> ${to}` : `  ${e.from} -->|"${mermaidText(text)}"| ${to}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The graph as Graphviz DOT, the same picture as toMermaid. */
export function toDot(graph: Graph): string {
  const lines = [
    "digraph workflow {",
    "  rankdir=TB;",
    '  "__start__" [label="START", shape=circle];',
    '  "__end__" [label="END", shape=doublecircle];',
  ];
  for (const n of graph.nodes) {
    const text = dotText(`${n.id}: ${n.role}${n.join ? " (join all)" : ""}`);
    lines.push(`  "${n.id}" [label="${text}", shape=box];`);
  }
  lines.push(`  "__start__" -> "${graph.start}";`);
  for (const e of graph.edges) {
    const to = e.to === END ? "__end__" : e.to;
    const text = label(e);
    lines.push(text === null ? `  "${e.from}" -> "${to}";` : `  "${e.from}" -> "${to}" [label="${dotText(text)}"];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
