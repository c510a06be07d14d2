"use client";

import Link from "next/link";
import { useRunForks } from "@/lib/queries/use-runs";
import { compareHref } from "./compare-link";
import { RunStatusBadge } from "./run-status-badge";

/** On a run that was forked: each fork, the step it ran again from, and a link to compare it with this run. */
export function RunForks({ slug, runId }: { slug: string; runId: string }) {
  const forks = useRunForks(slug, runId);
  const rows = forks.data?.data ?? [];
  if (rows.length === 0) return null;
  const runs = `/w/${encodeURIComponent(slug)}/runs`;
  return (
    <section aria-labelledby="forks-title" className="text-sm text-zinc-600" data-testid="run-forks">
      <h2 id="forks-title" className="font-medium text-zinc-900">
        {rows.length === 1 ? "Forked once" : `Forks (${rows.length}${forks.data?.nextCursor ? "+" : ""})`}
      </h2>
      <ul className="mt-1 space-y-1">
        {rows.map((fork) => (
          <li key={fork.id} className="flex flex-wrap items-center gap-2">
            <Link href={`${runs}/${encodeURIComponent(fork.id)}`} className="font-medium text-accent hover:underline">
              {fork.id}
            </Link>
            <span>from step {(fork.forkedAtStep ?? 0) + 1}</span>
            <RunStatusBadge status={fork.status} />
            <Link href={compareHref(slug, runId, fork.id)} className="text-accent hover:underline">
              Compare
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
