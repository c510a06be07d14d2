import { NonRetriableError } from "inngest";
import { z } from "zod";
import { USAGE_RECORDED } from "@/lib/billing/events";
import { MeterReportError, reportUsageEvent } from "@/lib/billing/report-usage-event";
import { inngest } from "../client";

const eventData = z.object({ usageEventId: z.string().min(1), workspaceId: z.string().min(1) });

/**
 * Sends a usage event's steps to the Stripe Billing Meter, once. The send is one
 * `step.run`, so a retry of the function after it succeeded does not repeat it;
 * a repeat that does reach Stripe carries the same identifier (the usage event
 * id) and is dropped there. Failures are retried with backoff; ones that cannot
 * succeed (a 4xx from Stripe) stop here and are left to the sweep.
 */
export const reportUsage = inngest.createFunction(
  {
    id: "report-usage",
    name: "Report usage to the Stripe meter",
    triggers: [{ event: USAGE_RECORDED }],
    retries: 6,
  },
  async ({ event, step }) => {
    const { usageEventId } = eventData.parse(event.data);
    return step.run("send-meter-event", async () => {
      try {
        return await reportUsageEvent(usageEventId);
      } catch (err) {
        if (err instanceof MeterReportError && !err.retryable) throw new NonRetriableError(err.message);
        throw err;
      }
    });
  },
);
