import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { roleSchema } from "@/lib/workspaces/response-schemas";

/* What the member and invite endpoints return. No server code: the browser reads its types from here. */

export const memberResponseSchema = z
  .object({
    userId: z.string(),
    role: roleSchema,
    createdAt: dateTimeSchema,
    user: z.object({ email: z.string(), name: z.string().nullable(), image: z.string().nullable() }),
  })
  .meta({ id: "Member" });

export const inviteResponseSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    createdAt: dateTimeSchema,
    expiresAt: dateTimeSchema,
    acceptedAt: dateTimeSchema.nullable(),
    revokedAt: dateTimeSchema.nullable(),
  })
  .meta({ id: "Invite" });

/** Only the create answer carries the link. */
export const createdInviteResponseSchema = inviteResponseSchema.extend({
  url: z.string().describe("The invite link."),
  emailed: z.boolean().describe("True when the link was also emailed (the server has SMTP_URL)."),
  emailError: z.string().nullable().describe("Why the email could not be sent; the invite exists regardless."),
});

/** GET /api/invites/{token}: what an invite link is for. */
export const inviteDescriptionSchema = z.object({
  email: z.string(),
  role: roleSchema,
  workspace: z.object({ name: z.string(), slug: z.string() }),
});
