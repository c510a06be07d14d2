import { architecture, listArchitectures, type ArchitectureId } from "@/lib/graph/architectures";
import { toMermaid } from "@/lib/workflows/graph/diagram";
import { formatProject } from "../format-project";
import { DEFAULT_PROJECT_MODEL, type ProjectFiles } from "../types";

/** `loopllama init --list`: each template's name and its shape, one a line. */
export function templateList(): string {
  const width = Math.max(...listArchitectures().map((a) => a.id.length));
  return listArchitectures()
    .map((a) => `${a.id.padEnd(width)}  ${a.summary}\n`)
    .join("");
}

/**
 * The files of a new project from an architecture template: its one workflow
 * as step files and registry.yml (what `compile` and `push` read), and a
 * README with when to use it and its diagram (kept local by `push`).
 */
export function templateFiles(id: ArchitectureId): ProjectFiles {
  const a = architecture(id);
  const files = formatProject({
    workflows: [{ name: a.id, description: `${a.label}: ${a.summary}`, model: DEFAULT_PROJECT_MODEL, graph: a.graph }],
    events: [],
  });
  const readme = [
    `# ${a.label}`,
    "",
    a.summary,
    "",
    "## When to use it",
    "",
    a.whenToUse,
    "",
    "## The graph",
    "",
    "```mermaid",
    toMermaid(a.graph),
    "```",
    "",
    "Check it with `loopllama compile .` and send it to your workspace with `loopllama push .`.",
    "",
  ].join("\n");
  return { ...files, "README.md": readme };
}
