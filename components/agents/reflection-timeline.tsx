"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDateTime } from "@/lib/queries/format";
import type { ReflectionDto, VersionRef } from "@/lib/queries/agent-types";
import { useAgentReflections, useRollbackReflection } from "@/lib/queries/use-agents";
import { ProposalActions } from "./proposal-actions";
import { GraphDiffView } from "@/components/workflows/graph-diff";
import { VerdictBadge } from "./agent-status-badge";
import { CrewDiff } from "./crew-diff";

/** A graph version's graph; a crew version keeps the crew diff. */
const graphOf = (v: VersionRef) => (v.crew === null && v.graph ? v.graph : null);

/** The change a reflection made: a graph diff (listed and drawn) for a graph, the crew diff for a crew. */
function ReflectionChange({ reflection }: { reflection: ReflectionDto }) {
  const from = reflection.from!;
  const before = graphOf(from);
  const after = reflection.to ? graphOf(reflection.to) : null;
  if (!before || !after) return <CrewDiff from={from} to={reflection.to} />;
  return (
    <div className="mt-3">
      <p className="mb-2 text-xs font-medium text-zinc-500">
        Version {from.version} → version {reflection.to!.version}
      </p>
      <GraphDiffView
        before={before}
        after={after}
        // Reflections do not carry the workflow's default model.
        defaultModel="workflow model"
        label={`Graph changed by this reflection: version ${from.version} to version ${reflection.to!.version}`}
      />
    </div>
  );
}

export function ReflectionTimeline({ slug, agentId, live }: { slug: string; agentId: string; live: boolean }) {
  const reflections = useAgentReflections(slug, agentId, live);
  const rollback = useRollbackReflection(slug, agentId);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ReflectionDto | null>(null);
  function close() {
    setConfirming(null);
    rollback.reset();
  }
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
                  <ReflectionChange reflection={r} />
                  <ProposalActions slug={slug} agentId={agentId} reflection={r} />
                  {r.to && !r.rolledBack ? (
                    // A rollback is itself a new version, so nothing is lost by it.
                    <Button
                      variant="secondary"
                      size="sm"
                      className="mt-3"
                      loading={rollback.isPending && rollback.variables === r.id}
                      disabled={rollback.isPending}
                      onClick={() => {
                        setDone(null);
                        rollback.reset();
                        setConfirming(r);
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
      <ConfirmDialog
        open={confirming !== null}
        title={`Roll back to version ${confirming?.from?.version ?? ""}?`}
        description={`Version ${confirming?.from?.version ?? ""} becomes current again as a new version; the reflection's version ${confirming?.to?.version ?? ""} stays in the history.`}
        confirmLabel="Roll back"
        pending={rollback.isPending}
        error={rollback.error ? errorMessage(rollback.error) : null}
        onClose={close}
        onConfirm={() =>
          confirming &&
          rollback.mutate(confirming.id, {
            onSuccess: (res) => {
              setConfirming(null);
              setDone(`Restored version ${res.restoredFrom} as version ${res.version.version}.`);
            },
          })
        }
      />
    </Card>
  );
}
