import { pruneAuditLog } from "@/lib/audit/prune-audit-log";
import { workspacesToPrune } from "@/lib/audit/prune-audit-logs";
import { shortestAuditRetentionDays, workspaceAuditRetentionDays } from "@/lib/billing/audit-retention";
import { scopeFor } from "@/lib/db/tenant";
import { inngest } from "../client";

/**
 * Every night, deletes audit entries older than each workspace's plan keeps
 * them, behind a signed checkpoint so the log still verifies. One step per
 * workspace; a chain that does not verify is left whole (and reported).
 */
export const pruneAuditLogs = inngest.createFunction(
  {
    id: "prune-audit-logs",
    name: "Prune audit logs past their retention",
    triggers: [{ cron: "23 3 * * *" }],
    retries: 1,
    concurrency: 1,
  },
  async ({ step }) => {
    const ids = await step.run("find-workspaces", () => workspacesToPrune(shortestAuditRetentionDays()));
    const outcomes: Record<string, number> = {};
    for (const id of ids) {
      const result = await step.run(`prune-${id}`, async () => {
        const scope = scopeFor(id);
        return pruneAuditLog(scope, await workspaceAuditRetentionDays(scope));
      });
      outcomes[result.status] = (outcomes[result.status] ?? 0) + 1;
    }
    return { workspaces: ids.length, outcomes };
  },
);
