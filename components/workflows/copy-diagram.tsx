"use client";

import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/queries/api-client";
import { useCopyDiagram } from "@/lib/queries/use-workflows";
import type { DiagramFormat, Workflow } from "@/lib/queries/workflow-types";

const formats: { format: DiagramFormat; label: string }[] = [
  { format: "mermaid", label: "Copy Mermaid" },
  { format: "dot", label: "Copy DOT" },
];

/** Copies the graph as Mermaid or DOT source, fetched from the diagram endpoint. */
export function CopyDiagram({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const copy = useCopyDiagram(slug, workflow.id, workflow.currentVersion);
  const status = copy.isSuccess
    ? `Copied the ${copy.data.format === "dot" ? "DOT" : "Mermaid"} source.`
    : copy.isError
      ? `Could not copy: ${errorMessage(copy.error)}`
      : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {formats.map(({ format, label }) => (
        <Button
          key={format}
          variant="secondary"
          size="sm"
          loading={copy.isPending && copy.variables === format}
          onClick={() => copy.mutate(format)}
        >
          {label}
        </Button>
      ))}
      <p role="status" className={copy.isError ? "text-xs text-red-700" : "text-xs text-zinc-600"}>
        {status}
      </p>
    </div>
  );
}
