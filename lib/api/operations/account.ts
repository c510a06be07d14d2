import { z } from "zod";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { verifyEmailSchema } from "@/lib/auth/schemas";
import { inviteDescriptionSchema } from "@/lib/members/response-schemas";

const token = { token: "The token of the invite link." };

/** The signed-in person's own account: invite links and email verification (dashboard sessions). */
export const describeInvite = defineOperation({
  method: "get",
  path: "/api/invites/{token}",
  operationId: "describeInvite",
  summary: "What an invite link is for",
  description: "Anyone holding the link may ask: the invited email, the role and the workspace.",
  tag: "Account",
  auth: false,
  pathParams: token,
  responses: {
    200: {
      description: "The pending invite.",
      schema: inviteDescriptionSchema,
    },
  },
  errors: [404],
});

export const acceptInvite = defineOperation({
  method: "post",
  path: "/api/invites/{token}",
  operationId: "acceptInvite",
  summary: "Accept an invite as the signed-in user",
  description: "Only a dashboard session whose verified email is the invited one may accept.",
  tag: "Account",
  pathParams: token,
  responses: {
    200: {
      description: "The workspace joined.",
      schema: z.object({ workspace: inviteDescriptionSchema.shape.workspace }),
    },
  },
  errors: [403, 404, 409],
});

export const verifyEmail = defineOperation({
  method: "post",
  path: "/api/verify-email",
  operationId: "verifyEmail",
  summary: "Prove an email address with the emailed link's token",
  tag: "Account",
  body: verifyEmailSchema,
  maxBodyBytes: 1024,
  responses: {
    200: { description: "Verified.", schema: z.object({ email: z.string(), verified: z.literal(true) }) },
  },
  errors: [403, 404, 409],
});

export const resendVerification = defineOperation({
  method: "post",
  path: "/api/verify-email/resend",
  operationId: "resendVerification",
  summary: "Email the signed-in user a new verification link",
  tag: "Account",
  responses: {
    202: {
      description: "Sent, or why the mail server refused it.",
      schema: z.object({ email: z.string(), emailed: z.boolean(), emailError: z.string().nullable() }),
    },
  },
  errors: [403, 409, 429],
});

export const accountOperations: readonly ApiOperation[] = [
  describeInvite,
  acceptInvite,
  verifyEmail,
  resendVerification,
];
