import * as agents from "@/lib/api/operations/agents";
import { rollbackReflection } from "@/lib/agents/rollback-reflection";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** Restores the crew from before a modify, as a new workflow version (source "rollback"). */
export const POST = withWorkspace(agents.rollbackReflection, async ({ scope, caller, params }) =>
  json(await rollbackReflection(scope, params.id!, params.rid!, caller.type === "user" ? caller.userId : null), 201),
);
