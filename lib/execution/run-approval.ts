import "server-only";
import type { RunnableNode } from "./execute-visit";
import type { Execution } from "./execution";
import { openApproval } from "./open-approval";
import { recheckApproval } from "./recheck-approval";
import { settleApproval } from "./settle-approval";
import type { VisitPlan, VisitResult } from "./walk-graph";

/** Waits at most: a wake-up that finds no answer waits again for the rest. */
const MAX_WAITS = 8;

/**
 * An approval node's visit: `visit-<node>-<n>` opens it (the step row, the
 * run waiting), then the run waits for its settle event (`step.waitForEvent`,
 * holding no engine slot and no model) with the timeout, and
 * `approval-<node>-<n>-<round>` reads how it stands: answered, cancelled, or
 * timed out. The answer is the step's output ("approved" or "rejected"), so
 * the walk follows the edge labelled with it.
 *
 * An answer can land between the open step and the wait's registration, when
 * its event wakes nothing: beside each wait (planned with it, so it runs once
 * the wait is registered) `approval-<node>-<n>-<round>-recheck` looks at the
 * step and sends the settle event again if it was settled meanwhile.
 */
export async function runApproval(ex: Execution, node: RunnableNode, plan: VisitPlan): Promise<VisitResult> {
  const id = `${plan.nodeId}-${plan.visit}`;
  let state = await ex.step.run(`visit-${id}`, () => openApproval(ex, node, plan));
  for (let round = 0; state.status === "waiting"; round++) {
    const last = round >= MAX_WAITS;
    if (!last) {
      await Promise.all([
        ex.step.waitForApproval(`approval-${id}-wait-${round}`, plan.index, state.seconds),
        ex.step.run(`approval-${id}-${round}-recheck`, () => recheckApproval(ex, plan.index)),
      ]);
    }
    state = await ex.step.run(`approval-${id}-${round}`, () => settleApproval(ex, plan.index));
    if (last && state.status === "waiting") throw new Error(`Approval ${id} is still waiting after ${round} waits`);
  }
  return state;
}
