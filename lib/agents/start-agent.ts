import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { workspaceOwner } from "@/lib/billing/workspace-owner";
import { sendEvent } from "@/lib/engine/send-event";
import { claimManualTick } from "./claim-manual-tick";
import { agentTickEvent } from "./events";
import { getAgent } from "./get-agent";

/** "Start now": claims a manual tick and hands it to the engine. */
export async function startAgent(scope: Scope, agentId: string) {
  const tick = await claimManualTick(scope, agentId);
  const owner = await workspaceOwner(scope.db, scope.workspaceId);
  await sendEvent(agentTickEvent({ tickId: tick.id, agentId, workspaceId: scope.workspaceId, ...owner }));
  return {
    tick: { id: tick.id, scheduledFor: tick.scheduledFor.toISOString(), status: tick.status },
    agent: await getAgent(scope, agentId),
  };
}
