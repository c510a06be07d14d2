"use client";

import { LocalDateTime } from "@/components/ui/local-date-time";
import type { Workflow } from "@/lib/queries/workflow-types";

/** The graph's trigger as the API serves it (only a cron trigger is read here). */
type WithTrigger = { trigger?: { cron?: string; timezone?: string } };

/**
 * When a graph with a cron trigger next starts a run (or that its schedule
 * waits while the workflow is paused); nothing for other workflows.
 */
export function NextTrigger({ workflow }: { workflow: Workflow }) {
  const trigger = (workflow.graph as WithTrigger | undefined)?.trigger;
  if (!trigger?.cron) return null;
  const schedule = (
    <span className="font-mono text-xs">
      {trigger.cron} ({trigger.timezone ?? "UTC"})
    </span>
  );
  return (
    <p className="text-sm text-zinc-600" data-testid="next-trigger">
      {workflow.status === "paused" || !workflow.nextTriggerAt ? (
        <>Scheduled runs ({schedule}) wait while the workflow is paused.</>
      ) : (
        <>
          Next scheduled run: <LocalDateTime iso={workflow.nextTriggerAt} /> · {schedule}
        </>
      )}
    </p>
  );
}
