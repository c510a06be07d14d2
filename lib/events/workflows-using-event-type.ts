import "server-only";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";

export interface EventTypeUser {
  id: string;
  name: string;
  /** Whether it starts on the event; otherwise a step emits it. */
  trigger: boolean;
  status: "active" | "paused";
}

/**
 * Workflows whose current version starts on the event (`trigger.event`) or
 * has a step that emits it, by name.
 */
export async function workflowsUsingEventType(scope: Scope, name: string): Promise<EventTypeUser[]> {
  return scope.db.$queryRaw<EventTypeUser[]>`
    SELECT w.id, w.name, w.status::text AS status,
      COALESCE(v.graph -> 'trigger' ->> 'event' = ${name}, false) AS trigger
    FROM "Workflow" w
    JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = w."currentVersion" AND ${workspaceFilter(scope, "v")}
    WHERE ${workspaceFilter(scope, "w")} AND v.graph IS NOT NULL AND (
      v.graph -> 'trigger' ->> 'event' = ${name}
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(v.graph -> 'nodes') n WHERE n ->> 'emits' = ${name})
    )
    ORDER BY w."createdAt", w.id`;
}
