import type { InngestFunction } from "inngest";
import { agentReflect } from "./functions/agent-reflect";
import { agentScheduler } from "./functions/agent-scheduler";
import { agentTick } from "./functions/agent-tick";
import { reportUsage } from "./functions/report-usage";
import { runCrew } from "./functions/run-crew";
import { sweepRuns } from "./functions/sweep-runs";
import { sweepUsageReports } from "./functions/sweep-usage-reports";

/**
 * Every Inngest function of the app. app/api/inngest serves this list to an
 * Inngest server; lib/engine runs the same list in-process when there is none.
 */
export const functions: InngestFunction.Any[] = [
  runCrew,
  sweepRuns,
  agentScheduler,
  agentTick,
  agentReflect,
  reportUsage,
  sweepUsageReports,
];
