"use client";

import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { CrewDiff } from "@/components/agents/crew-diff";
import { GraphDiagram } from "@/components/workflows/graph-diagram";
import { GraphDiffView } from "@/components/workflows/graph-diff";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Textarea } from "@/components/ui/textarea";
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

const WHAT: Record<ChatBlockJson["kind"], string> = {
  "workflow-create": "Workflow",
  "workflow-update": "Change to workflow",
  "agent-create": "Agent",
  "event-type-create": "Event type",
};

/** An event type block's fields, as a short list. */
function EventFields({ value }: { value: unknown }) {
  const fields = value && typeof value === "object" ? (value as { fields?: unknown }).fields : undefined;
  if (!fields || typeof fields !== "object") return null;
  const entries = Object.entries(fields as Record<string, unknown>);
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 px-4 py-3 text-sm">
      {entries.length === 0 ? <dd className="col-span-2 text-zinc-500">No fields</dd> : null}
      {entries.map(([name, type]) => (
        <div key={name} className="contents">
          <dt className="font-mono text-xs text-zinc-900">{name}</dt>
          <dd className="min-w-0 font-mono text-xs break-words text-zinc-600">{String(type)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What a workflow-update block changes, drawn like a reflection's change. */
function UpdateDiff({ update, name }: { update: NonNullable<ChatBlockJson["update"]>; name: string }) {
  const from = { id: update.workflowId, version: update.fromVersion, source: "user", ...update.before };
  const to = { id: update.workflowId, version: update.fromVersion + 1, source: "user", ...update.after };
  if (update.before.kind === "graph" && update.after.kind === "graph") {
    return (
      <div className="px-4 py-3">
        <p className="mb-2 text-xs font-medium text-zinc-500">
          Version {update.fromVersion} → version {update.fromVersion + 1}
        </p>
        <GraphDiffView
          before={update.before.graph}
          after={update.after.graph}
          defaultModel="workflow model"
          label={`Graph of ${name} changed by this proposal: version ${from.version} to version ${to.version}`}
        />
      </div>
    );
  }
  return (
    <div className="px-4 pb-3">
      <CrewDiff from={from} to={to} />
    </div>
  );
}

/**
 * One proposal of Loopi's: what it would create or change, its diagram (or
 * the diff of the change), the API's verdict on it, and, while nothing is
 * created, an editor for its JSON whose every change is checked again.
 */
export function BlockCard({
  block,
  createdHref,
  editable = false,
  onEdit,
}: {
  block: ChatBlockJson;
  createdHref?: string;
  editable?: boolean;
  /** The edited JSON, or a parse error (null value) while the text is not JSON. */
  onEdit?: (index: number, edit: { value: unknown } | { error: string }) => void;
}) {
  const graph = useMemo(() => (block.kind === "workflow-create" ? graphOf(block.value) : null), [block]);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => JSON.stringify(block.value, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const editorId = useId();
  const what = WHAT[block.kind];
  const name = block.name ?? "(unnamed)";

  function change(next: string) {
    setText(next);
    try {
      const value: unknown = JSON.parse(next);
      setParseError(null);
      onEdit?.(block.index, { value });
    } catch (err) {
      const error = `Not valid JSON: ${err instanceof Error ? err.message : "invalid"}`;
      setParseError(error);
      onEdit?.(block.index, { error });
    }
  }

  const problems = parseError ? [{ field: "(block)", message: parseError }] : block.problems;
  const valid = !parseError && block.valid;
  return (
    <Card className="overflow-hidden" data-testid="chat-block">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3">
        <p className="min-w-0 text-sm font-semibold break-words text-zinc-900">
          {what}: {name}
        </p>
        <div className="flex items-center gap-2">
          {editable && !createdHref ? (
            <Button
              variant="ghost"
              size="sm"
              aria-expanded={editing}
              aria-controls={editorId}
              onClick={() => setEditing((v) => !v)}
            >
              {editing ? "Close editor" : "Edit"}
            </Button>
          ) : null}
          {createdHref ? (
            <Link href={createdHref} className="text-sm font-medium text-accent hover:underline">
              Open
            </Link>
          ) : valid ? (
            <Badge tone="success">Valid</Badge>
          ) : (
            <Badge tone="danger">
              {problems.length} problem{problems.length === 1 ? "" : "s"}
            </Badge>
          )}
        </div>
      </div>
      {problems.length > 0 ? (
        <ul
          className="space-y-1 border-b border-zinc-200 bg-red-50 px-4 py-3 text-sm text-red-800"
          aria-label={`Problems of ${name}`}
        >
          {problems.map((p, i) => (
            <li key={i} className="break-words">
              <code className="font-mono text-xs">{p.field}</code>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <div id={editorId} className="border-b border-zinc-200 px-4 py-3">
          <label htmlFor={`${editorId}-json`} className="mb-1 block text-xs font-medium text-zinc-600">
            {what} block as JSON (checked as you type; Create uses your edit)
          </label>
          <Textarea
            id={`${editorId}-json`}
            rows={12}
            spellCheck={false}
            value={text}
            onChange={(e) => change(e.target.value)}
            className="font-mono text-xs"
          />
        </div>
      ) : null}
      {graph ? (
        <GraphDiagram
          graph={graph}
          defaultModel={modelOf(block.value)}
          label={`Diagram of ${block.name ?? "the workflow"}`}
          className="h-64"
        />
      ) : null}
      {block.kind === "workflow-update" && block.update ? <UpdateDiff update={block.update} name={name} /> : null}
      {block.kind === "event-type-create" ? <EventFields value={block.value} /> : null}
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
