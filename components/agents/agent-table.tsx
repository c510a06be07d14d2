"use client";

import Link from "next/link";
import { rowLinkClasses, Table, Td, Th } from "@/components/ui/table";
import { formatRelative } from "@/lib/queries/format";
import type { AgentDto } from "@/lib/queries/agent-types";
import { AgentStatusBadge } from "./agent-status-badge";
import { describeSchedule } from "./describe-schedule";

export function AgentTable({ slug, agents }: { slug: string; agents: AgentDto[] }) {
  return (
    <Table
      head={
        <>
          <Th>Agent</Th>
          <Th>Status</Th>
          <Th desktopOnly>Schedule</Th>
          <Th desktopOnly>Next run</Th>
        </>
      }
    >
      {agents.map((a) => (
        <tr key={a.id} data-testid="agent-row" className="hover:bg-zinc-50/60">
          <Td>
            <Link href={`/w/${encodeURIComponent(slug)}/agents/${a.id}`} className={rowLinkClasses}>
              {a.name}
            </Link>
            <p className="mt-0.5 text-xs text-zinc-500">
              {a.role} · {a.workflows.map((w) => w.name).join(", ")}
            </p>
            <p className="mt-1 text-xs text-zinc-500 md:hidden">
              {describeSchedule(a.schedule)} · next {formatRelative(a.nextRunAt, "—")}
            </p>
          </Td>
          <Td>
            <AgentStatusBadge status={a.status} />
          </Td>
          <Td desktopOnly className="text-zinc-700">
            {describeSchedule(a.schedule)}
          </Td>
          <Td desktopOnly className="text-zinc-700">
            {formatRelative(a.nextRunAt, "—")}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
