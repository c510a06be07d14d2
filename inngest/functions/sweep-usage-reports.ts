import { findUnreportedUsage, reportUsageEvent } from "@/lib/billing/report-usage-event";
import { inngest } from "../client";

/**
 * Every five minutes, re-sends usage events the event-driven report left
 * unreported (Stripe was down, the event was lost, a send failed for good).
 * One step per usage event, each failure recorded on its row and tried again
 * by a later sweep.
 */
export const sweepUsageReports = inngest.createFunction(
  {
    id: "sweep-usage-reports",
    name: "Re-send unreported usage to the Stripe meter",
    triggers: [{ cron: "*/5 * * * *" }],
    retries: 1,
    concurrency: 1,
  },
  async ({ step }) => {
    const ids = await step.run("find-unreported", () => findUnreportedUsage());
    const outcomes: Record<string, number> = {};
    for (const id of ids) {
      const status = await step.run(`report-${id}`, async () => {
        try {
          return (await reportUsageEvent(id)).status;
        } catch {
          return "failed" as const;
        }
      });
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
    return { checked: ids.length, outcomes };
  },
);
