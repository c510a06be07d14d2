import { z } from "zod";
import { AGENT_TICK_EVENT, tickReadyEvent } from "@/lib/agents/events";
import { abandonTick } from "@/lib/agents/abandon-tick";
import { beginTick, createTickRuns, markTickStarted } from "@/lib/agents/run-agent-tick";
import { scopeFor } from "@/lib/db/tenant";
import { inngest } from "../client";

export const AGENT_TICK = AGENT_TICK_EVENT;

const eventData = z.object({ tickId: z.string().min(1), agentId: z.string().min(1), workspaceId: z.string().min(1) });

/**
 * One agent tick: marks the agent running and queues one run per workflow
 * (triggeredBy "agent", pinned to the tick). Reflection follows when the
 * runs end (agent-reflect). A tick that fails for good puts its agent back
 * to idle (onFailure), so the agent's next slot fires.
 */
export const agentTick = inngest.createFunction(
  {
    id: "agent-tick",
    name: "Agent tick",
    triggers: [{ event: AGENT_TICK }],
    retries: 3,
    // Keyed by workspace (tests scope the in-process driver by it).
    concurrency: [{ key: "event.data.workspaceId", limit: 5 }],
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
