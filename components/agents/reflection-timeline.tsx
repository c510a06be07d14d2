"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDateTime } from "@/lib/queries/format";
import { useAgentReflections, useRollbackReflection } from "@/lib/queries/use-agents";
import { VerdictBadge } from "./agent-status-badge";
import { CrewDiff } from "./crew-diff";

export function ReflectionTimeline({ slug, agentId, live }: { slug: string; agentId: string; live: boolean }) {
  const reflections = useAgentReflections(slug, agentId, live);
  const rollback = useRollbackReflection(slug, agentId);
  const [done, setDone] = useState<string | null>(null);
  const items = reflections.data?.data ?? [];

  return (
    <Card>
      <CardHeader
        title="Reflections"
        description="After every tick the agent judges each run against its goal. The last 50 are kept."
      />
      {done ? (
        <Alert tone="success" className="m-4">
          {done}
        </Alert>
      ) : null}
      {rollback.error ? (
        <Alert tone="error" className="m-4">
          {errorMessage(rollback.error)}
        </Alert>
      ) : null}
      <QueryState
        query={reflections}
        loadingLabel="Loading reflections"
        retry={false}
        isEmpty={items.length === 0}
        empty={
          <EmptyState
            icon="bot"
            title="No reflections yet"
            description="Start the agent: once its runs end, its reflection appears here."
          />
        }
      >
        <ol className="divide-y divide-zinc-100" data-testid="reflections">
          {items.map((r) => (
            <li key={r.id} className="px-5 py-4" data-testid="reflection">
              <div className="flex flex-wrap items-center gap-2">
                <VerdictBadge verdict={r.verdict} />
                {r.rolledBack ? <Badge tone="warning">rolled back</Badge> : null}
                <span className="text-xs text-zinc-500">{formatDateTime(r.createdAt)}</span>
              </div>
              <p className="mt-1.5 text-sm text-zinc-800">{r.reason}</p>
              {r.verdict === "modify" && r.from ? (
                <>
                  <CrewDiff from={r.from} to={r.to} />
                  {r.to && !r.rolledBack ? (
                    // One click: a rollback is itself a new version, so nothing is lost by it.
                    <Button
                      variant="secondary"
                      size="sm"
                      className="mt-3"
                      loading={rollback.isPending && rollback.variables === r.id}
                      disabled={rollback.isPending}
                      onClick={() => {
                        setDone(null);
                        rollback.mutate(r.id, {
                          onSuccess: (res) =>
                            setDone(`Restored version ${res.restoredFrom} as version ${res.version.version}.`),
                        });
                      }}
                    >
                      Roll back to version {r.from.version}
                    </Button>
                  ) : null}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </QueryState>
    </Card>
  );
}
