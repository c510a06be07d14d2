import { z } from "zod";
import { env } from "@/lib/env";
import { deliverWebhookMessage } from "@/lib/webhooks/deliver-webhook-message";
import { WEBHOOK_MESSAGE_QUEUED } from "@/lib/webhooks/events";
import { inngest } from "../client";

const eventData = z.object({
  messageId: z.string().min(1),
  workspaceId: z.string().min(1),
  orderKey: z.string().min(1),
});

/**
 * Delivers one webhook message: each attempt is its own durable step
 * (`attempt-<n>`), and the wait before the next one a durable sleep until the
 * time the attempt recorded (the receiver's Retry-After, or the backoff that
 * doubles from WEBHOOK_RETRY_BASE_MS). A crash or a restart resumes where it
 * was; the message keeps one webhook-id throughout. Messages of one run to one
 * endpoint go one at a time, in the order they were queued.
 */
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver a webhook message",
    triggers: [{ event: WEBHOOK_MESSAGE_QUEUED }],
    // An attempt's own failures are recorded on the message; a retry here is for the database.
    retries: 3,
    concurrency: [{ key: "event.data.orderKey", limit: 1 }],
  },
  async ({ event, step }) => {
    const { messageId, workspaceId } = eventData.parse(event.data);
    const max = env().WEBHOOK_MAX_ATTEMPTS;
    for (let n = 1; n <= max; n++) {
      const outcome = await step.run(`attempt-${n}`, () => deliverWebhookMessage(workspaceId, messageId));
      if (outcome.result !== "retry") return { messageId, result: outcome.result, attempts: n };
      await step.sleepUntil(`wait-${n}`, new Date(outcome.at));
    }
    return { messageId, result: "failed", attempts: max };
  },
);
