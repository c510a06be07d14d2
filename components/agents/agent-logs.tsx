"use client";

import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/lib/queries/format";
import { useAgentLogs } from "@/lib/queries/use-agents";

const LEVEL: Record<string, string> = {
  debug: "text-zinc-400",
  info: "text-zinc-500",
  warn: "text-amber-700",
  error: "text-red-700",
};

export function AgentLogs({ slug, agentId, live }: { slug: string; agentId: string; live: boolean }) {
  const logs = useAgentLogs(slug, agentId, live);
  const items = logs.data?.data ?? [];
  return (
    <Card>
      <CardHeader title="Logs" description="The last 100 entries, newest first." />
      <QueryState
        query={logs}
        loadingLabel="Loading logs"
        retry={false}
        isEmpty={items.length === 0}
        empty={<EmptyState icon="bot" title="No log entries" />}
      >
        <ol className="max-h-96 divide-y divide-zinc-100 overflow-y-auto" data-testid="agent-logs">
          {items.map((l) => (
            <li key={l.id} className="flex flex-col gap-0.5 px-5 py-2 text-sm sm:flex-row sm:gap-3">
              <span className="shrink-0 text-xs text-zinc-500 tabular-nums sm:w-40">{formatDateTime(l.createdAt)}</span>
              <span className={`shrink-0 text-xs font-medium uppercase sm:w-12 ${LEVEL[l.level] ?? ""}`}>
                {l.level}
              </span>
              <span className="min-w-0 break-words text-zinc-800">{l.message}</span>
            </li>
          ))}
        </ol>
      </QueryState>
    </Card>
  );
}
