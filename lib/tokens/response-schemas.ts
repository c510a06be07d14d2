import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/** What the token routes answer; never a secret except once, on creation. */

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

export const createdTokenResponseSchema = tokenResponseSchema.extend({
  token: z.string().describe("The secret `ll_…`; store it now."),
});
