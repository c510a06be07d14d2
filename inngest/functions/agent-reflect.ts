import { z } from "zod";
import "@/lib/agents/local-reflection-responder";
import { AGENT_TICK_READY } from "@/lib/agents/events";
import { usageRecordedEvent } from "@/lib/billing/events";
import {
  applyRunReflection,
  callReflectionModel,
  claimTickReflection,
  finishTick,
  reflectionRequest,
} from "@/lib/agents/reflect-on-tick";
import { planConcurrency, planExpression } from "@/lib/billing/plan-concurrency";
import { planLimits } from "@/lib/billing/plans";
import { saveAgentProposals } from "@/lib/chats/save-agent-proposals";
import { scopeFor } from "@/lib/db/tenant";
import type { Plan } from "@/lib/generated/prisma/enums";
import { inngest } from "../client";
import { RUN_FINISHED } from "./run-crew";
import { publishAgentReflected } from "@/lib/webhooks/publish-run-events";

const eventData = z.object({
  workspaceId: z.string().min(1),
  agentTickId: z.string().nullish(),
  tickId: z.string().nullish(),
});

/** Both triggers of a plan's registration, each taking the events of that plan. */
function planTriggers(plan: Plan) {
  const onPlan = planExpression(plan);
  return [
    { event: RUN_FINISHED, if: onPlan },
    { event: AGENT_TICK_READY, if: onPlan },
  ];
}

/**
 * Reflection after a tick. Each ended run (`run/finished`) and the tick's own
 * "all runs queued" event check whether every run of the tick has ended; the
 * first to see that claims the tick (a conditional update), so it reflects
 * once. Per workflow: the agent's model is asked (one step, so a retry does
 * not ask again) and the answer is metered as one step and sent to the meter,
 * then the verdict is applied. Registered once per plan, like run-crew, with
 * the plan's reflection limit (per owner on Free).
 */
function agentReflectFor(plan: Plan) {
  return inngest.createFunction(
    {
      id: `agent-reflect-${plan}`,
      name: `Agent reflection (${planLimits(plan).name})`,
      triggers: planTriggers(plan),
      retries: 3,
      concurrency: planConcurrency(plan, planLimits(plan).reflectConcurrency),
    },
    async ({ event, step }) => {
      const data = eventData.parse(event.data);
      const tickId = data.agentTickId ?? data.tickId;
      if (!tickId) return { skipped: "not an agent run" };
      const scope = scopeFor(data.workspaceId);
      const claim = await step.run("claim-tick", () => claimTickReflection(scope, tickId));
      if (!claim) return { skipped: "tick not ready or already reflected" };
      const verdicts: string[] = [];
      const reflected: { runId: string; workflowId: string; verdict: string }[] = [];
      for (const run of claim.runs) {
        const { text, error, usageEventId } = await step.run(`ask-${run.runId}`, async () =>
          callReflectionModel(scope, await reflectionRequest(scope, claim.agentId, run.runId), run),
        );
        if (usageEventId) {
          await step.sendEvent(`usage-${run.runId}`, usageRecordedEvent(usageEventId, data.workspaceId));
        }
        const applied = await step.run(`apply-${run.runId}`, () =>
          applyRunReflection(scope, { agentId: claim.agentId, tickId, workflowId: run.workflowId, text, error }),
        );
        reflected.push({ runId: run.runId, workflowId: run.workflowId, verdict: applied.verdict });
        verdicts.push(applied.verdict);
      }
      // An agent with the `ai` capability may have proposed new artifacts in its runs: kept for a person.
      await step.run("save-proposals", () =>
        saveAgentProposals(scope, { agentId: claim.agentId, runIds: claim.runs.map((r) => r.runId) }),
      );
      await step.run("finish-tick", async () => {
        const finished = await finishTick(scope, tickId, claim.agentId, claim.runs);
        for (const r of reflected) await publishAgentReflected(scope, { agentId: claim.agentId, tickId, ...r });
        return finished;
      });
      return { tickId, verdicts };
    },
  );
}

/** agent-reflect, one registration per plan. */
export const agentReflect = [agentReflectFor("free"), agentReflectFor("pro"), agentReflectFor("team")];
