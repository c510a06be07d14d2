import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

import { roleSchema } from "@/lib/workspaces/response-schemas";

/** What the member and invite routes answer. */

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

export const createdInviteResponseSchema = inviteResponseSchema.extend({
  url: z.string().describe("The invite link."),
  emailed: z.boolean().describe("True when the link was also emailed (the server has SMTP_URL)."),
  emailError: z.string().nullable().describe("Why the email could not be sent; the invite exists regardless."),
});

/** An invite link as anyone holding it sees it, and the workspace accepting it joins. */
export const invitedWorkspaceSchema = z.object({ name: z.string(), slug: z.string() });
export const describedInviteResponseSchema = z.object({
  email: z.string(),
  role: roleSchema,
  workspace: invitedWorkspaceSchema,
});
