import "server-only";
import type { Execution } from "./execution";
import { runWithTools } from "./tool-loop";

/**
 * A crew run: its agents in order, one durable step each (`agent-<n>`, tool
 * calls and later turns after it), each tool and credential read from the
 * agent in the pinned crew. A step that does not complete ends the walk; the
 * run's finish settles the run from its steps.
 */
export async function runAgents(ex: Execution, stepCount: number): Promise<void> {
  for (let i = 0; i < stepCount; i++) {
    const outcome = await runWithTools(ex, { id: `agent-${i + 1}`, position: i, options: {}, listed: null });
    if (outcome.status !== "completed") break;
  }
}
