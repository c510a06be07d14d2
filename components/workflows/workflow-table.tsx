"use client";

import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { formatRelative } from "@/lib/queries/format";
import type { WorkflowListItem } from "@/lib/queries/workflow-types";
import { WorkflowStatusBadge } from "./workflow-status-badge";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase";
const td = "px-4 py-3 align-middle text-sm";

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
    <div className="overflow-x-auto">
      <table className="w-full divide-y divide-zinc-200">
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={th}>
              Workflow
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Last run
            </th>
            <th scope="col" className={`${th} hidden text-right md:table-cell`}>
              Runs this month
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {workflows.map((w) => (
            <tr key={w.id} data-testid="workflow-row" className="hover:bg-zinc-50/60">
              <td className={td}>
                <Link
                  href={`/w/${encodeURIComponent(slug)}/workflows/${w.id}`}
                  className="font-medium text-zinc-900 hover:text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                >
                  {w.name}
                </Link>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {w.crew.length} {w.crew.length === 1 ? "agent" : "agents"}: {w.crew.map((a) => a.role).join(" → ")}
                </p>
                <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-zinc-500 md:hidden">
                  <LastRun slug={slug} run={w.lastRun} />
                  <span>· {w.runsThisMonth} this month</span>
                </div>
              </td>
              <td className={td}>
                <WorkflowStatusBadge status={w.status} />
              </td>
              <td className={`${td} hidden md:table-cell`}>
                <LastRun slug={slug} run={w.lastRun} />
              </td>
              <td className={`${td} hidden text-right text-zinc-700 tabular-nums md:table-cell`}>{w.runsThisMonth}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
