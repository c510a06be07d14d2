"use client";

import Link from "next/link";
import { formatRelative } from "@/lib/queries/format";
import type { AgentDto } from "@/lib/queries/agent-types";
import { AgentStatusBadge } from "./agent-status-badge";
import { describeSchedule } from "./describe-schedule";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase";
const td = "px-4 py-3 align-middle text-sm";

export function AgentTable({ slug, agents }: { slug: string; agents: AgentDto[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full divide-y divide-zinc-200">
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={th}>
              Agent
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Schedule
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Next run
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {agents.map((a) => (
            <tr key={a.id} data-testid="agent-row" className="hover:bg-zinc-50/60">
              <td className={td}>
                <Link
                  href={`/w/${encodeURIComponent(slug)}/agents/${a.id}`}
                  className="font-medium text-zinc-900 hover:text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                >
                  {a.name}
                </Link>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {a.role} · {a.workflows.map((w) => w.name).join(", ")}
                </p>
                <p className="mt-1 text-xs text-zinc-500 md:hidden">
                  {describeSchedule(a.schedule)} · next {formatRelative(a.nextRunAt, "—")}
                </p>
              </td>
              <td className={td}>
                <AgentStatusBadge status={a.status} />
              </td>
              <td className={`${td} hidden text-zinc-700 md:table-cell`}>{describeSchedule(a.schedule)}</td>
              <td className={`${td} hidden text-zinc-700 md:table-cell`}>{formatRelative(a.nextRunAt, "—")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
