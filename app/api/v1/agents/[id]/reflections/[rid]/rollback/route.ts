import * as agents from "@/lib/api/operations/agents";
import { rollbackReflection } from "@/lib/agents/rollback-reflection";
import { auditActor } from "@/lib/api/audit";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** Restores the crew from before a modify, as a new workflow version (source "rollback"). */
export const POST = withWorkspace(agents.rollbackReflection, async ({ scope, caller, request, params }) => {
  const by = caller.type === "user" ? caller.userId : null;
  return json(await rollbackReflection(scope, auditActor(caller, request), params.id!, params.rid!, by), 201);
});
