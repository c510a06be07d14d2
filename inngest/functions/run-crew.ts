import { z } from "zod";
import { planConcurrency, planExpression } from "@/lib/billing/plan-concurrency";
import { planLimits } from "@/lib/billing/plans";
import { scopeFor } from "@/lib/db/tenant";
import { RUN_FINISHED, RUN_REQUESTED } from "@/lib/engine/events";
import type { Durable } from "@/lib/execution/execution";
import { APPROVAL_SETTLED } from "@/lib/runs/approvals/events";
import { runFinishedEvents } from "@/lib/execution/run-finished-events";
import { runWorkflowVersion } from "@/lib/execution/run-workflow-version";
import type { Plan } from "@/lib/generated/prisma/enums";
import { finishRun } from "@/lib/runs/finish-run";
import { inngest } from "../client";

export { RUN_FINISHED, RUN_REQUESTED };

/** One round of waiting for a workflow tool's run (WORKFLOW_WAIT_ROUNDS rounds: an hour in all). */
const WORKFLOW_TOOL_WAIT = "30s";

const eventData = z.object({
  runId: z.string().min(1),
  workspaceId: z.string().min(1),
  plan: z.enum(["free", "pro", "team"]).nullish(),
  ownerId: z.string().min(1).nullish(),
});

/**
 * The one implementation of running a workflow, registered on the engine: the
 * run's execution (lib/execution/run-workflow-version.ts) gets this
 * function's step tools, so each agent, node visit, model turn and tool call
 * is its own `step.run`. Runs on an Inngest server or in lib/engine's driver,
 * through the same serve endpoint.
 *
 * Plan concurrency: the handler is registered once per plan, triggered by the
 * plan in the event (`if`) with that plan's limit per workspace, or per owner
 * on Free (plus Free's share of the engine; lib/billing/plan-concurrency), so
 * an Inngest server and the driver apply the same limits. A run that fails for good
 * (retries spent, or its process died too often) is failed with the reason.
 */
function runCrewFor(plan: Plan) {
  return inngest.createFunction(
    {
      id: `run-crew-${plan}`,
      name: `Run a crew (${planLimits(plan).name})`,
      triggers: [{ event: RUN_REQUESTED, if: planExpression(plan) }],
      retries: 4,
      concurrency: planConcurrency(plan, planLimits(plan).concurrency),
      onFailure: async ({ event, error, step }) => {
        const requested = eventData.parse(event.data.event.data);
        const finished = await step.run("fail-run", () =>
          finishRun(scopeFor(requested.workspaceId), requested.runId, {
            failWith: `The engine gave up on this run: ${error.message}`,
          }),
        );
        await step.sendEvent("run-finished", runFinishedEvents(requested, finished));
      },
    },
    async ({ event, step }) => {
      const requested = eventData.parse(event.data);
      const finished = await runWorkflowVersion({
        scope: scopeFor(requested.workspaceId),
        runId: requested.runId,
        step: {
          // Journaled results come back as JSON; the step outcomes are plain JSON already.
          run: ((id: string, fn: () => Promise<unknown>) => step.run(id, fn)) as Durable,
          // A workflow tool's run: wait for its run/finished (the result step reads the run either way).
          waitForRun: (id, childRunId) =>
            step.waitForEvent(id, {
              event: RUN_FINISHED,
              if: `async.data.runId == '${childRunId}'`,
              timeout: WORKFLOW_TOOL_WAIT,
            }),
          // An approval step: wait for its answer, cancellation or timeout (the settle step reads which).
          waitForApproval: (id, index, seconds) =>
            step.waitForEvent(id, {
              event: APPROVAL_SETTLED,
              if: `async.data.runId == '${requested.runId}' && async.data.index == ${index}`,
              timeout: `${seconds}s`,
            }),
        },
      });
      await step.sendEvent("run-finished", runFinishedEvents(requested, finished));
      return { runId: requested.runId, status: finished.status };
    },
  );
}

/** run-crew, one registration per plan. */
export const runCrew = [runCrewFor("free"), runCrewFor("pro"), runCrewFor("team")];
