"use client";

import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { rowLinkClasses, Table, Td, Th } from "@/components/ui/table";
import { formatRelative } from "@/lib/queries/format";
import { rolesLabel, sizeLabel } from "@/lib/queries/workflow-graph";
import type { WorkflowListItem } from "@/lib/queries/workflow-types";
import { WorkflowStatusBadge } from "./workflow-status-badge";

function LastRun({ slug, run }: { slug: string; run: WorkflowListItem["lastRun"] }) {
  if (!run) return <span className="text-zinc-500">No runs yet</span>;
  return (
    <Link
      href={`/w/${encodeURIComponent(slug)}/runs/${run.id}`}
      className="inline-flex items-center gap-2 rounded hover:underline focus-visible:outline-2 focus-visible:outline-accent"
    >
      <RunStatusBadge status={run.status} />
      <span className="text-zinc-600">{formatRelative(run.createdAt)}</span>
    </Link>
  );
}

export function WorkflowTable({ slug, workflows }: { slug: string; workflows: WorkflowListItem[] }) {
  return (
    <Table
      head={
        <>
          <Th>Workflow</Th>
          <Th>Status</Th>
          <Th desktopOnly>Last run</Th>
          <Th desktopOnly className="text-right">
            Runs this month
          </Th>
        </>
      }
    >
      {workflows.map((w) => (
        <tr key={w.id} data-testid="workflow-row" className="hover:bg-zinc-50/60">
          <Td>
            <Link href={`/w/${encodeURIComponent(slug)}/workflows/${w.id}`} className={rowLinkClasses}>
              {w.name}
            </Link>
            <p className="mt-0.5 text-xs text-zinc-500">
              {sizeLabel(w)}: {rolesLabel(w)}
            </p>
            <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-zinc-500 md:hidden">
              {/* The count first: on a narrow phone the last run (badge and time) wraps as one, never a lone count. */}
              <span className="whitespace-nowrap" data-testid="runs-this-month">
                {w.runsThisMonth === 1 ? "1 run" : `${w.runsThisMonth} runs`} this month ·
              </span>
              <LastRun slug={slug} run={w.lastRun} />
            </div>
          </Td>
          <Td>
            <WorkflowStatusBadge status={w.status} />
          </Td>
          <Td desktopOnly>
            <LastRun slug={slug} run={w.lastRun} />
          </Td>
          <Td desktopOnly className="text-right text-zinc-700 tabular-nums">
            {w.runsThisMonth}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
