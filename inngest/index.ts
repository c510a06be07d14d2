import type { InngestFunction } from "inngest";
import { agentReflect } from "./functions/agent-reflect";
import { agentScheduler } from "./functions/agent-scheduler";
import { agentTick } from "./functions/agent-tick";
import { runCrew } from "./functions/run-crew";
import { sweepRuns } from "./functions/sweep-runs";

/**
 * Every Inngest function of the app. app/api/inngest serves this list to an
 * Inngest server; lib/engine runs the same list in-process when there is none.
 */
export const functions: InngestFunction.Any[] = [runCrew, sweepRuns, agentScheduler, agentTick, agentReflect];
