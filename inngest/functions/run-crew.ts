import { z } from "zod";
import { usageRecordedEvent } from "@/lib/billing/events";
import { scopeFor } from "@/lib/db/tenant";
import { RUN_FINISHED, RUN_REQUESTED } from "@/lib/engine/events";
import { env } from "@/lib/env";
import { executeStep } from "@/lib/runs/execute-step";
import { finishRun } from "@/lib/runs/finish-run";
import { startRun } from "@/lib/runs/start-run";
import { inngest } from "../client";

export { RUN_FINISHED, RUN_REQUESTED };

const eventData = z.object({ runId: z.string().min(1), workspaceId: z.string().min(1) });

/**
 * The one implementation of "run a crew": one `step.run` per agent, so a retry
 * or a crash resumes after the last completed agent and never repeats a
 * finished model call. Runs on an Inngest server or in lib/engine's driver.
 *
 * Concurrency is keyed by workspace. On an Inngest server the limit is static
 * (INNGEST_RUN_CONCURRENCY, Inngest reads it at sync time); the in-process
 * driver applies each workspace's plan limit instead.
 */
export const runCrew = inngest.createFunction(
  {
    id: "run-crew",
    name: "Run a crew",
    triggers: [{ event: RUN_REQUESTED }],
    retries: 4,
    concurrency: [{ key: "event.data.workspaceId", limit: env().INNGEST_RUN_CONCURRENCY }],
  },
  async ({ event, step }) => {
    const { runId, workspaceId } = eventData.parse(event.data);
    const scope = scopeFor(workspaceId);

    const started = await step.run("start", () => startRun(scope, runId));
    if (started.proceed) {
      for (let i = 0; i < started.stepCount; i++) {
        const outcome = await step.run(`agent-${i + 1}`, () => executeStep(scope, runId, i));
        if (outcome.status !== "completed") break;
      }
    }
    const finished = await step.run("finish", () => finishRun(scope, runId));
    // Agents wait for run/finished; the Stripe meter report waits for usage/recorded.
    await step.sendEvent("run-finished", [
      {
        name: RUN_FINISHED,
        data: {
          runId,
          workspaceId,
          status: finished.status,
          agentTickId: finished.agentTickId,
          usageEventId: finished.usageEventId,
        },
      },
      ...(finished.usageEventId ? [usageRecordedEvent(finished.usageEventId, workspaceId)] : []),
    ]);
    return { runId, status: finished.status };
  },
);
