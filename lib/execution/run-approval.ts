import "server-only";
import type { RunnableNode } from "./execute-visit";
import type { Execution } from "./execution";
import { openApproval } from "./open-approval";
import { settleApproval } from "./settle-approval";
import type { VisitPlan, VisitResult } from "./walk-graph";

/**
 * The first wait is short: an answer given before the engine started waiting
 * sends its event too early to wake it, and is found by the settle step after it.
 */
const FIRST_WAIT_SECONDS = 60;
/** Waits after the first, at most: a wake-up that finds no answer waits again for the rest. */
const MAX_WAITS = 8;

/**
 * An approval node's visit: `visit-<node>-<n>` opens it (the step row, the
 * run waiting), then the run waits for its settle event (`step.waitForEvent`,
 * holding no engine slot and no model) with the timeout, and
 * `approval-<node>-<n>-<round>` reads how it stands: answered, cancelled, or
 * timed out. The answer is the step's output ("approved" or "rejected"), so
 * the walk follows the edge labelled with it.
 */
export async function runApproval(ex: Execution, node: RunnableNode, plan: VisitPlan): Promise<VisitResult> {
  const id = `${plan.nodeId}-${plan.visit}`;
  let state = await ex.step.run(`visit-${id}`, () => openApproval(ex, node, plan));
  for (let round = 0; state.status === "waiting"; round++) {
    const last = round >= MAX_WAITS;
    const seconds = round === 0 ? Math.min(FIRST_WAIT_SECONDS, state.seconds) : state.seconds;
    if (!last) await ex.step.waitForApproval(`approval-${id}-wait-${round}`, plan.index, seconds);
    state = await ex.step.run(`approval-${id}-${round}`, () => settleApproval(ex, plan.index));
    if (last && state.status === "waiting") throw new Error(`Approval ${id} is still waiting after ${round} waits`);
  }
  return state;
}
