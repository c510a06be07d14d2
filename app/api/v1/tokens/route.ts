import { auditActor } from "@/lib/api/audit";
import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createToken, listTokens } from "@/lib/tokens/tokens";

export const GET = withWorkspace(foundation.listTokens, async ({ scope }) => json({ data: await listTokens(scope) }));

/** Creates a token. The response is the only time its secret is shown. */
export const POST = withWorkspace(foundation.createToken, async ({ scope, caller, request, body }) => {
  const created = await createToken(scope, auditActor(caller, request), {
    ...body,
    createdById: caller.type === "user" ? caller.userId : null,
  });
  return json(created, 201);
});
