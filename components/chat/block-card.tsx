"use client";

import Link from "next/link";
import { useMemo } from "react";
import { GraphDiagram } from "@/components/workflows/graph-diagram";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ChatBlockJson } from "@/lib/chats/response-schemas";
import { storedGraphSchema } from "@/lib/graph/schemas";
import { servedGraph } from "@/lib/queries/workflow-graph";

function graphOf(value: unknown) {
  if (value === null || typeof value !== "object" || !("graph" in value)) return null;
  const parsed = storedGraphSchema.safeParse((value as { graph: unknown }).graph);
  // The block names models as text, as a request may; the diagram draws a served graph.
  return parsed.success ? servedGraph(parsed.data) : null;
}

function modelOf(value: unknown): string {
  const model = value && typeof value === "object" ? (value as { model?: unknown }).model : undefined;
  return typeof model === "string" ? model : "claude-sonnet-4-6";
}

/** One proposal of Loopi's: what it would create, its diagram, and the API's verdict on it. */
export function BlockCard({ block, createdHref }: { block: ChatBlockJson; createdHref?: string }) {
  const graph = useMemo(() => (block.kind === "workflow-create" ? graphOf(block.value) : null), [block]);
  const what = block.kind === "workflow-create" ? "Workflow" : "Agent";
  return (
    <Card className="overflow-hidden" data-testid="chat-block">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3">
        <p className="min-w-0 text-sm font-semibold text-zinc-900">
          {what}: {block.name ?? "(unnamed)"}
        </p>
        {createdHref ? (
          <Link href={createdHref} className="text-sm font-medium text-accent hover:underline">
            Open
          </Link>
        ) : block.valid ? (
          <Badge tone="success">Valid</Badge>
        ) : (
          <Badge tone="danger">
            {block.problems.length} problem{block.problems.length === 1 ? "" : "s"}
          </Badge>
        )}
      </div>
      {block.problems.length > 0 ? (
        <ul className="space-y-1 border-b border-zinc-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {block.problems.map((p, i) => (
            <li key={i}>
              <code className="font-mono text-xs">{p.field}</code>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {graph ? (
        <GraphDiagram
          graph={graph}
          defaultModel={modelOf(block.value)}
          label={`Diagram of ${block.name ?? "the workflow"}`}
          className="h-64"
        />
      ) : null}
      <details className="px-4 py-3 text-sm">
        <summary className="cursor-pointer text-zinc-600">The block as Loopi wrote it</summary>
        {/* Focusable, so a keyboard can scroll a long block; long lines wrap rather than widen the card. */}
        <pre
          tabIndex={0}
          aria-label={`${what} block as JSON`}
          className="mt-2 max-h-64 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-zinc-800"
        >
          {JSON.stringify(block.value, null, 2)}
        </pre>
      </details>
    </Card>
  );
}
