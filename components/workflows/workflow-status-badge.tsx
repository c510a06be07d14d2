import { Badge } from "@/components/ui/badge";
import type { WorkflowStatus } from "@/lib/queries/workflow-types";

export function WorkflowStatusBadge({ status }: { status: WorkflowStatus }) {
  return status === "active" ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Paused</Badge>;
}
