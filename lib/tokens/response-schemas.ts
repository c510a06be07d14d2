import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/* What the token endpoints return. No server code: the browser reads its types from here. */

export const tokenResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe("The first characters of the token, to tell tokens apart."),
    createdAt: dateTimeSchema,
    expiresAt: dateTimeSchema.nullable(),
    lastUsedAt: dateTimeSchema.nullable(),
    revokedAt: dateTimeSchema.nullable(),
    createdById: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

/** Only the create answer carries the secret. */
export const createdTokenResponseSchema = tokenResponseSchema.extend({
  token: z.string().describe("The secret `ll_…`; store it now."),
});
