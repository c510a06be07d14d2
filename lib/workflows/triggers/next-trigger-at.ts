import { Cron } from "croner";
import type { Graph } from "@/lib/workflows/graph/types";

/** A graph's cron trigger, or null when nothing but run requests (or an event) starts it. */
export function cronTriggerOf(graph: Pick<Graph, "trigger"> | null): { cron: string; timezone: string } | null {
  const trigger = graph?.trigger;
  return trigger && "cron" in trigger ? { cron: trigger.cron, timezone: trigger.timezone || "UTC" } : null;
}

/** The first slot of a cron trigger strictly after `from`, in its time zone (so it follows DST). */
export function nextSlotAfter(trigger: { cron: string; timezone: string }, from: Date): Date | null {
  return new Cron(trigger.cron, { timezone: trigger.timezone, paused: true }).nextRun(from);
}

/**
 * The next-fire time to store when a workflow's graph or status changes:
 * null without a cron trigger or while paused; otherwise the trigger's next
 * slot. A slot already armed and due but not yet claimed is kept (when the
 * new trigger still has it), so saving a workflow never skips a due slot.
 */
export function nextTriggerAt(
  graph: Pick<Graph, "trigger"> | null,
  status: string,
  armed: Date | null,
  now: Date = new Date(),
): Date | null {
  const trigger = cronTriggerOf(graph);
  if (!trigger || status !== "active") return null;
  const from = armed && armed.getTime() <= now.getTime() ? new Date(armed.getTime() - 1) : now;
  return nextSlotAfter(trigger, from);
}
