"use client";

import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { formatDuration, shortId } from "@/components/runs/format-run";
import { Card, CardHeader } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { formatRelative } from "@/lib/queries/format";
import { useRuns } from "@/lib/queries/use-runs";

/** The workflow's last few runs, with a link to all of them. */
export function RecentRuns({ slug, workflowId }: { slug: string; workflowId: string }) {
  const runs = useRuns(slug, { workflowId }, 5);
  const items = runs.data?.pages[0]?.data ?? [];
  const base = `/w/${encodeURIComponent(slug)}/runs`;
  return (
    <Card>
      <CardHeader
        title="Recent runs"
        actions={
          <Link
            href={`${base}?workflowId=${encodeURIComponent(workflowId)}`}
            className="text-sm font-medium text-accent hover:underline"
          >
            All runs
          </Link>
        }
      />
      <QueryState
        query={runs}
        loadingLabel="Loading runs"
        rows={2}
        retry={false}
        isEmpty={items.length === 0}
        empty={<p className="px-5 py-6 text-sm text-zinc-500">No runs yet. Type an input above and start one.</p>}
      >
        <ul className="divide-y divide-zinc-100">
          {items.map((run) => (
            <li key={run.id}>
              <Link
                href={`${base}/${run.id}`}
                className="flex items-center gap-3 px-4 py-2.5 text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-accent sm:px-5"
              >
                <RunStatusBadge status={run.status} />
                <span className="min-w-0 flex-1 truncate text-zinc-700">{run.input}</span>
                {/* Beside the page's main column (lg) the card is 20rem: no room for the id. */}
                <span className="hidden font-mono text-xs text-zinc-500 sm:inline lg:hidden">{shortId(run.id)}</span>
                <span className="min-w-0 truncate text-xs text-zinc-500">
                  {formatRelative(run.createdAt)}
                  {run.durationMs !== null ? ` · ${formatDuration(run.durationMs)}` : ""}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </QueryState>
    </Card>
  );
}
