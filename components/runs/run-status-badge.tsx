import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RunStatus, StepStatus } from "@/lib/queries/workflow-types";

const tones: Record<RunStatus | StepStatus, BadgeTone> = {
  queued: "neutral",
  pending: "neutral",
  running: "accent",
  waiting: "warning",
  completed: "success",
  failed: "danger",
  cancelled: "warning",
};

const labels: Record<RunStatus | StepStatus, string> = {
  queued: "Queued",
  pending: "Pending",
  running: "Running",
  waiting: "Waiting",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function RunStatusBadge({ status }: { status: RunStatus | StepStatus }) {
  return (
    <Badge tone={tones[status]}>
      {status === "running" ? (
        <span aria-hidden="true" className="mr-1.5 size-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {labels[status]}
    </Badge>
  );
}
