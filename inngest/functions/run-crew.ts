import { z } from "zod";
import { usageRecordedEvent } from "@/lib/billing/events";
import { emitStepOutput } from "@/lib/events/emit-step-output";
import { planConcurrency, planExpression } from "@/lib/billing/plan-concurrency";
import { planLimits } from "@/lib/billing/plans";
import { scopeFor } from "@/lib/db/tenant";
import { RUN_FINISHED, RUN_REQUESTED } from "@/lib/engine/events";
import type { Plan } from "@/lib/generated/prisma/enums";
import { executeStep } from "@/lib/runs/execute-step";
import { executeVisit } from "@/lib/runs/execute-visit";
import { finishRun, type FinishedRun, type FinishOptions } from "@/lib/runs/finish-run";
import { startRun } from "@/lib/runs/start-run";
import { runWithTools, type Durable, type WorkflowCalls } from "@/lib/runs/tool-loop";
import { walkGraph } from "@/lib/runs/walk-graph";
import { executeToolCall, settleWorkflowCall } from "@/lib/tools/execute-tool-call";
import { inngest } from "../client";
import { isRunFinished } from "@/lib/runs/is-run-finished";

export { RUN_FINISHED, RUN_REQUESTED };

/** How long a workflow tool waits for the workflow's run before its call fails. */
/** One round of waiting for a workflow tool's run (WORKFLOW_WAIT_ROUNDS rounds: an hour in all). */
const WORKFLOW_TOOL_WAIT = "30s";

const eventData = z.object({
  runId: z.string().min(1),
  workspaceId: z.string().min(1),
  plan: z.enum(["free", "pro", "team"]).nullish(),
  ownerId: z.string().min(1).nullish(),
});

/** The plan and owner the run's event carried, passed on so reflection runs under the same limits. */
type Holder = Pick<z.infer<typeof eventData>, "plan" | "ownerId">;

/** Agents wait for run/finished; the Stripe meter report waits for usage/recorded. */
function finishedEvents(workspaceId: string, runId: string, finished: FinishedRun, holder: Holder) {
  return [
    {
      name: RUN_FINISHED,
      data: {
        runId,
        workspaceId,
        plan: holder.plan ?? null,
        ownerId: holder.ownerId ?? null,
        status: finished.status,
        agentTickId: finished.agentTickId,
        usageEventId: finished.usageEventId,
      },
    },
    ...(finished.usageEventId ? [usageRecordedEvent(finished.usageEventId, workspaceId)] : []),
  ];
}

/**
 * The one implementation of running a workflow: for a crew, one `step.run` per
 * agent; for a graph, one per node visit (parallel branches as parallel
 * steps, routing a pure function of the journaled answers), so a retry or a
 * crash resumes after the last completed visit and never repeats a finished
 * model call. Runs on an Inngest server or in lib/engine's driver,
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
        const { runId, workspaceId, ...holder } = eventData.parse(event.data.event.data);
        const finished = await step.run("fail-run", () =>
          finishRun(scopeFor(workspaceId), runId, { failWith: `The engine gave up on this run: ${error.message}` }),
        );
        await step.sendEvent("run-finished", finishedEvents(workspaceId, runId, finished, holder));
      },
    },
    async ({ event, step }) => {
      const { runId, workspaceId, ...holder } = eventData.parse(event.data);
      const scope = scopeFor(workspaceId);

      // Journaled results come back as JSON; the step outcomes are plain JSON already.
      const durable = ((id: string, fn: () => Promise<unknown>) => step.run(id, fn)) as Durable;

      // A workflow tool's run: wait for its run/finished (the result step reads the run either way).
      const workflowCalls = (position: number): WorkflowCalls => ({
        wait: (id, childRunId) =>
          step.waitForEvent(id, {
            event: RUN_FINISHED,
            if: `async.data.runId == '${childRunId}'`,
            timeout: WORKFLOW_TOOL_WAIT,
          }),
        finished: (childRunId) => isRunFinished(scope, childRunId),
        settle: (call, index, pending) => settleWorkflowCall(scope, runId, position, call, index, pending),
      });

      const started = await step.run("start", () => startRun(scope, runId));
      let finish: FinishOptions = {};
      if (started.proceed && started.graph) {
        // A graph: one durable step per node visit, ids from the node and its visit number.
        const graph = started.graph;
        const routes = new Set(graph.edges.filter((e) => e.when !== undefined).map((e) => e.from));
        const walked = await walkGraph(graph, async (plan) => {
          const node = graph.nodes.find((n) => n.id === plan.nodeId)!;
          const returnOutput = routes.has(plan.nodeId);
          const tools = node.tools ?? [];
          const outcome = await runWithTools(
            durable,
            `visit-${plan.nodeId}-${plan.visit}`,
            () => executeVisit(scope, runId, node, plan, returnOutput, graph),
            (turn) => executeStep(scope, runId, plan.index, { output: node.output, returnOutput, tools, turn }),
            (call, index) =>
              executeToolCall(scope, runId, plan.index, { tools, credentials: node.credentials ?? [] }, call, index),
            workflowCalls(plan.index),
          );
          // A node that `emits`: its typed output goes on the bus once, as its own durable step.
          if (node.emits && outcome.status === "completed") {
            await durable(`emit-${plan.nodeId}-${plan.visit}`, () =>
              emitStepOutput(scope, runId, plan.index, node.emits!),
            );
          }
          return outcome;
        });
        finish = {
          graph: true,
          ...(walked.status === "completed" ? { endSteps: walked.endSteps } : {}),
          ...(walked.status === "failed" ? { failWith: walked.error, errorCode: walked.code } : {}),
        };
      } else if (started.proceed) {
        for (let i = 0; i < started.stepCount; i++) {
          const outcome = await runWithTools(
            durable,
            `agent-${i + 1}`,
            () => executeStep(scope, runId, i),
            (turn) => executeStep(scope, runId, i, { turn }),
            (call, index) => executeToolCall(scope, runId, i, null, call, index),
            workflowCalls(i),
          );
          if (outcome.status !== "completed") break;
        }
      }
      const finished = await step.run("finish", () => finishRun(scope, runId, finish));
      await step.sendEvent("run-finished", finishedEvents(workspaceId, runId, finished, holder));
      return { runId, status: finished.status };
    },
  );
}

/** run-crew, one registration per plan. */
export const runCrew = [runCrewFor("free"), runCrewFor("pro"), runCrewFor("team")];
