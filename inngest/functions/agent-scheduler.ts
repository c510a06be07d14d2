import { claimDueTicks, staleClaimedTicks } from "@/lib/agents/claim-due-ticks";
import { agentTickEvent } from "@/lib/agents/events";
import { pollDueSensors } from "@/lib/events/poll-due-sensors";
import { fireDueTriggers } from "@/lib/workflows/triggers/fire-due-triggers";
import { inngest } from "../client";

/** Once a minute: the due agents' ticks are claimed and started. */
export const AGENT_SCHEDULER_CRON = "* * * * *";

/**
 * Finds agents whose nextRunAt has passed, claims one tick each (the unique
 * AgentTick(agentId, scheduledFor) makes concurrent sweeps and retries start
 * it once) and sends `agent/tick`. Ticks claimed earlier whose event was lost
 * are sent again (same event id, so never started twice). After a restart the
 * first sweep fires each overdue agent once. Graphs with a cron trigger fire
 * from the same sweep: each due slot starts one run (fireDueTriggers); and
 * projects' poll sensors whose slot is due are polled (pollDueSensors).
 */
export const agentScheduler = inngest.createFunction(
  { id: "agent-scheduler", name: "Agent scheduler", triggers: [{ cron: AGENT_SCHEDULER_CRON }], retries: 2 },
  async ({ step }) => {
    const claimed = await step.run("claim-due-ticks", () => claimDueTicks());
    const stale = await step.run("find-stale-ticks", () => staleClaimedTicks());
    const ticks = [...claimed, ...stale.filter((s) => !claimed.some((c) => c.tickId === s.tickId))];
    if (ticks.length > 0) await step.sendEvent("start-ticks", ticks.map(agentTickEvent));
    const triggered = await step.run("fire-workflow-triggers", () => fireDueTriggers());
    const polled = await step.run("poll-sensors", () => pollDueSensors());
    return {
      claimed: claimed.length,
      resent: ticks.length - claimed.length,
      triggered: triggered.length,
      polled: polled.length,
    };
  },
);
