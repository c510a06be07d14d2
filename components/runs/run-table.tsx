"use client";

import Link from "next/link";
import { rowLinkClasses, Table, Td, Th } from "@/components/ui/table";
import { formatDateTime, formatRelative } from "@/lib/queries/format";
import type { RunSummary } from "@/lib/queries/workflow-types";
import { formatCost, formatDuration, formatTokens, shortId } from "./format-run";
import { RunStatusBadge } from "./run-status-badge";

export function RunTable({ slug, runs }: { slug: string; runs: RunSummary[] }) {
  const base = `/w/${encodeURIComponent(slug)}`;
  return (
    <Table
      head={
        <>
          <Th>Run</Th>
          <Th>Status</Th>
          <Th desktopOnly>Steps</Th>
          <Th desktopOnly className="text-right">
            Tokens
          </Th>
          <Th desktopOnly className="text-right">
            Cost
          </Th>
          <Th desktopOnly className="text-right">
            Duration
          </Th>
          <Th desktopOnly>Started</Th>
        </>
      }
    >
      {runs.map((run) => (
        <tr key={run.id} data-testid="run-row" className="hover:bg-zinc-50/60">
          <Td className="max-w-0 w-full">
            <Link href={`${base}/runs/${run.id}`} className={rowLinkClasses}>
              {run.workflowName}
              <span className="ml-2 font-mono text-xs font-normal text-zinc-500">{shortId(run.id)}</span>
            </Link>
            <p className="mt-0.5 truncate text-xs text-zinc-500">{run.input}</p>
            <p className="mt-0.5 text-xs text-zinc-500 md:hidden">
              {formatRelative(run.createdAt)} · {formatDuration(run.durationMs)}
            </p>
          </Td>
          <Td>
            <RunStatusBadge status={run.status} />
          </Td>
          <Td desktopOnly className="whitespace-nowrap text-zinc-600 tabular-nums">
            {run.stepCount} · v{run.version}
          </Td>
          <Td desktopOnly className="text-right text-zinc-600 tabular-nums">
            {formatTokens(run.inputTokens + run.outputTokens)}
          </Td>
          <Td desktopOnly className="text-right text-zinc-600 tabular-nums" data-testid="run-cost">
            {formatCost(run.status === "queued" ? null : run.costUsd)}
          </Td>
          <Td desktopOnly className="text-right text-zinc-600 tabular-nums">
            {formatDuration(run.durationMs)}
          </Td>
          <Td desktopOnly className="whitespace-nowrap text-zinc-600" title={formatDateTime(run.createdAt)}>
            {formatRelative(run.createdAt)}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
