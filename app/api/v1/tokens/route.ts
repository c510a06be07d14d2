import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { createToken, listTokens } from "@/lib/tokens/tokens";

export const GET = withWorkspace(async ({ scope }) => json({ data: await listTokens(scope) }), {
  permission: "tokens.manage",
});

/** Creates a token. The response is the only time its secret is shown. */
export const POST = withWorkspace(
  async ({ scope, caller, body }) =>
    json(await createToken(scope, { ...body, createdById: caller.type === "user" ? caller.userId : null }), 201),
  { body: createTokenSchema, permission: "tokens.manage" },
);
