import { z } from "zod";
import { scopeFor } from "@/lib/db/tenant";
import { RUN_FINISHED } from "@/lib/engine/events";
import { publishRunEvent } from "@/lib/webhooks/publish-run-events";
import { inngest } from "../client";

const eventData = z.object({ runId: z.string().min(1), workspaceId: z.string().min(1) });

/**
 * Tells the workspace's webhook endpoints that a run ended (run.completed,
 * run.failed or run.cancelled), whichever way it ended: its own finish, the
 * engine giving up on it, or the sweep. A second run/finished for the same run
 * publishes nothing more.
 */
export const webhookRunFinished = inngest.createFunction(
  {
    id: "webhook-run-finished",
    name: "Publish a run's end to webhook endpoints",
    triggers: [{ event: RUN_FINISHED }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { runId, workspaceId } = eventData.parse(event.data);
    await step.run("publish", () => publishRunEvent(scopeFor(workspaceId), runId));
    return { runId };
  },
);
