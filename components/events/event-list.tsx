"use client";

import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { BusEvent } from "@/lib/queries/event-types";

const SOURCE_LABEL: Record<BusEvent["source"], string> = {
  api: "API",
  webhook: "Webhook",
  step: "Step",
  cron: "Schedule",
};

function runHref(slug: string, id: string) {
  return `/w/${encodeURIComponent(slug)}/runs/${encodeURIComponent(id)}`;
}

/** One event: name, source, depth, note, time, and links to the runs it started. */
export function EventItem({ slug, event, highlighted }: { slug: string; event: BusEvent; highlighted?: boolean }) {
  return (
    <li
      id={`event-${event.id}`}
      data-testid="event-row"
      className={`px-4 py-4 sm:px-5 ${highlighted ? "bg-accent-soft/40" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-semibold break-all text-zinc-900">{event.name}</span>
        <Badge tone="neutral">{SOURCE_LABEL[event.source]}</Badge>
        {event.depth > 0 ? <Badge tone="accent">Depth {event.depth}</Badge> : null}
        <span className="text-xs text-zinc-500">
          <LocalDateTime iso={event.createdAt} />
        </span>
      </div>
      {event.sourceRunId ? (
        <p className="mt-1 text-xs text-zinc-600">
          Emitted by{" "}
          <Link href={runHref(slug, event.sourceRunId)} className="font-medium text-accent hover:underline">
            run {event.sourceRunId.slice(-8)}
          </Link>
        </p>
      ) : null}
      {event.note ? (
        <p className="mt-1 text-sm break-words text-amber-800" data-testid="event-note">
          {event.note}
        </p>
      ) : null}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none">Data</summary>
        <pre className="mt-1 max-h-48 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap text-zinc-800">
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </details>
      {event.runs.length > 0 ? (
        <ul aria-label={`Runs started by this ${event.name} event`} className="mt-2 flex flex-wrap gap-2">
          {event.runs.map((run) => (
            <li key={run.id}>
              <Link
                href={runHref(slug, run.id)}
                className="inline-flex items-center gap-2 rounded-md border border-zinc-200 px-2 py-1 text-sm hover:bg-zinc-50"
              >
                <span className="font-medium text-accent">{run.workflowName}</span>
                <RunStatusBadge status={run.status} />
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-xs text-zinc-500">Started no runs.</p>
      )}
    </li>
  );
}
