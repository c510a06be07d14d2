import { ENGINE_STARTED, RUN_FINISHED } from "@/lib/engine/events";
import { sweepStaleRuns } from "@/lib/runs/sweep-stale-runs";
import { sweepSandboxes } from "@/lib/sandboxes/delete-sandboxes";
import { inngest } from "../client";

/**
 * Every minute (and when an in-process driver starts), finds runs whose worker
 * died and resumes or fails them, so the status a client reads matches reality,
 * then deletes the sandboxes such runs left behind.
 */
export const sweepRuns = inngest.createFunction(
  {
    id: "sweep-runs",
    name: "Sweep stale runs",
    triggers: [{ cron: "* * * * *" }, { event: ENGINE_STARTED }],
    retries: 1,
    concurrency: 1,
  },
  async ({ step }) => {
    const swept = await step.run("sweep", () => sweepStaleRuns());
    const failed = swept.filter((s) => s.action === "failed");
    if (failed.length > 0) {
      await step.sendEvent(
        "run-finished",
        failed.map((s) => ({
          name: RUN_FINISHED,
          id: `run-finished:${s.runId}`,
          data: {
            runId: s.runId,
            workspaceId: s.workspaceId,
            status: s.status ?? "failed",
            agentTickId: s.agentTickId ?? null,
            usageEventId: s.usageEventId ?? null,
          },
        })),
      );
    }
    // Sandboxes of runs that ended while their process was gone, and reused ones left idle.
    const sandboxes = await step.run("sandboxes", () => sweepSandboxes());
    return { resumed: swept.length - failed.length, failed: failed.length, sandboxes };
  },
);
