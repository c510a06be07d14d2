import type { InngestFunction } from "inngest";
import { agentReflect } from "./functions/agent-reflect";
import { agentScheduler } from "./functions/agent-scheduler";
import { agentTick } from "./functions/agent-tick";
import { deliverWebhook } from "./functions/deliver-webhook";
import { pruneAuditLogs } from "./functions/prune-audit-logs";
import { reportUsage } from "./functions/report-usage";
import { runCrew } from "./functions/run-crew";
import { sweepRuns } from "./functions/sweep-runs";
import { sweepUsageReports } from "./functions/sweep-usage-reports";
import { webhookRunFinished } from "./functions/webhook-run-finished";

/**
 * Every Inngest function of the app. app/api/inngest serves this list to an
 * Inngest server; instrumentation hands the same list to lib/engine, which
 * runs it in-process through the same endpoint when there is no server.
 */
export const functions: InngestFunction.Any[] = [
  ...runCrew,
  sweepRuns,
  agentScheduler,
  ...agentTick,
  ...agentReflect,
  reportUsage,
  sweepUsageReports,
  deliverWebhook,
  webhookRunFinished,
  pruneAuditLogs,
];
