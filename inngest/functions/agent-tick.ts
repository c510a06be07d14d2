import { z } from "zod";
import { AGENT_TICK_EVENT, tickReadyEvent } from "@/lib/agents/events";
import { abandonTick } from "@/lib/agents/abandon-tick";
import { beginTick, createTickRuns, markTickStarted } from "@/lib/agents/run-agent-tick";
import { planConcurrency, planExpression } from "@/lib/billing/plan-concurrency";
import { planLimits } from "@/lib/billing/plans";
import { scopeFor } from "@/lib/db/tenant";
import type { Plan } from "@/lib/generated/prisma/enums";
import { inngest } from "../client";

export const AGENT_TICK = AGENT_TICK_EVENT;

const eventData = z.object({
  tickId: z.string().min(1),
  agentId: z.string().min(1),
  workspaceId: z.string().min(1),
  plan: z.enum(["free", "pro", "team"]).nullish(),
  ownerId: z.string().min(1).nullish(),
});

/**
 * One agent tick: marks the agent running and queues one run per workflow
 * (triggeredBy "agent", pinned to the tick). Reflection follows when the
 * runs end (agent-reflect). A tick that fails for good puts its agent back
 * to idle (onFailure), so the agent's next slot fires. Registered once per
 * plan, like run-crew, with the plan's tick limit (per owner on Free).
 */
function agentTickFor(plan: Plan) {
  return inngest.createFunction(
    {
      id: `agent-tick-${plan}`,
      name: `Agent tick (${planLimits(plan).name})`,
      triggers: [{ event: AGENT_TICK, if: planExpression(plan) }],
      retries: 3,
      concurrency: planConcurrency(plan, planLimits(plan).tickConcurrency),
      onFailure: async ({ event, error, step }) => {
        const data = eventData.parse(event.data.event.data);
        return step.run("abandon-tick", () => abandonTick(scopeFor(data.workspaceId), data.tickId, error.message));
      },
    },
    async ({ event, step }) => {
      const data = eventData.parse(event.data);
      const scope = scopeFor(data.workspaceId);
      const begun = await step.run("begin", () => beginTick(scope, data.tickId));
      if (!begun.proceed) return { skipped: begun.reason };
      const runs = await step.run("create-runs", () =>
        createTickRuns(scope, {
          tickId: data.tickId,
          agentId: begun.agentId,
          workflowIds: begun.workflowIds,
          input: begun.input,
        }),
      );
      const marked = await step.run("mark-started", () => markTickStarted(scope, data.tickId, begun.agentId, runs));
      // Runs that already ended sent their run/finished before the tick was marked; this covers them.
      if (marked.started > 0) await step.sendEvent("tick-ready", tickReadyEvent(data));
      return { runs };
    },
  );
}

/** agent-tick, one registration per plan. */
export const agentTick = [agentTickFor("free"), agentTickFor("pro"), agentTickFor("team")];
