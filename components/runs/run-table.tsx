"use client";

import Link from "next/link";
import { formatDateTime, formatRelative } from "@/lib/queries/format";
import type { RunSummary } from "@/lib/queries/workflow-types";
import { formatDuration, formatTokens, shortId } from "./format-run";
import { RunStatusBadge } from "./run-status-badge";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase";
const td = "px-4 py-3 align-middle text-sm";

export function RunTable({ slug, runs }: { slug: string; runs: RunSummary[] }) {
  const base = `/w/${encodeURIComponent(slug)}`;
  return (
    <div className="overflow-x-auto">
      <table className="w-full divide-y divide-zinc-200">
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={th}>
              Run
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Steps
            </th>
            <th scope="col" className={`${th} hidden text-right md:table-cell`}>
              Tokens
            </th>
            <th scope="col" className={`${th} hidden text-right md:table-cell`}>
              Duration
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Started
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" className="hover:bg-zinc-50/60">
              <td className={`${td} max-w-0 w-full`}>
                <Link
                  href={`${base}/runs/${run.id}`}
                  className="font-medium text-zinc-900 hover:text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                >
                  {run.workflowName}
                  <span className="ml-2 font-mono text-xs font-normal text-zinc-500">{shortId(run.id)}</span>
                </Link>
                <p className="mt-0.5 truncate text-xs text-zinc-500">{run.input}</p>
                <p className="mt-0.5 text-xs text-zinc-500 md:hidden">
                  {formatRelative(run.createdAt)} · {formatDuration(run.durationMs)}
                </p>
              </td>
              <td className={td}>
                <RunStatusBadge status={run.status} />
              </td>
              <td className={`${td} hidden whitespace-nowrap text-zinc-600 tabular-nums md:table-cell`}>
                {run.stepCount} · v{run.version}
              </td>
              <td className={`${td} hidden text-right text-zinc-600 tabular-nums md:table-cell`}>
                {formatTokens(run.inputTokens + run.outputTokens)}
              </td>
              <td className={`${td} hidden text-right text-zinc-600 tabular-nums md:table-cell`}>
                {formatDuration(run.durationMs)}
              </td>
              <td
                className={`${td} hidden whitespace-nowrap text-zinc-600 md:table-cell`}
                title={formatDateTime(run.createdAt)}
              >
                {formatRelative(run.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
