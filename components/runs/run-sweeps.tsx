import { Alert } from "@/components/ui/alert";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { Run } from "@/lib/queries/workflow-types";

const ACTION = { requeued: "Queued again", failed: "Failed" } as const;

/** What the server's sweep did on finding the run stuck (no heartbeat from its engine), oldest first. */
export function RunSweeps({ run }: { run: Run }) {
  if (run.sweeps.length === 0) return null;
  return (
    <Alert tone="warning" title="The server found this run stuck">
      <ul data-testid="run-sweeps" className="mt-1 space-y-1">
        {run.sweeps.map((sweep) => (
          <li key={`${sweep.at}:${sweep.action}`} className="break-words">
            <LocalDateTime iso={sweep.at} /> · <span className="font-medium">{ACTION[sweep.action]}</span>:{" "}
            {sweep.reason}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
