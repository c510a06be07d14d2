import { z } from "zod";
import type { ApiOperation } from "@/lib/api/openapi";
import { dateTimeSchema, listOf } from "@/lib/http/openapi-schemas";
import { createInviteSchema, updateMemberSchema } from "@/lib/members/schemas";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { createWorkspaceSchema } from "@/lib/workspaces/create-workspace";
import { updateWorkspaceSchema } from "@/lib/workspaces/update-workspace";

const role = z.enum(["owner", "admin", "member"]);
const plan = z.enum(["free", "pro", "team"]);

const workspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    plan,
    role,
    httpAllowlist: z.array(z.string()).optional().describe("Hosts agents' http_request may reach (returned by PATCH)."),
  })
  .meta({ id: "Workspace", description: "A workspace and the caller's role in it." });

const tokenSchema = z
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

const memberSchema = z
  .object({
    userId: z.string(),
    role,
    createdAt: dateTimeSchema,
    user: z.object({ email: z.string(), name: z.string().nullable(), image: z.string().nullable() }),
  })
  .meta({ id: "Member" });

const inviteSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role,
    createdAt: dateTimeSchema,
    expiresAt: dateTimeSchema,
    acceptedAt: dateTimeSchema.nullable(),
    revokedAt: dateTimeSchema.nullable(),
  })
  .meta({ id: "Invite" });

/** The routes of the foundation: who am I, workspaces, tokens, members, invites. */
export const foundationOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/me",
    operationId: "getMe",
    summary: "Who is calling, in which workspace, with which role",
    tag: "Account",
    responses: {
      200: {
        description: "The caller.",
        schema: z.object({
          workspace: workspaceSchema.omit({ role: true }),
          role,
          user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }).nullable(),
          token: z.object({ id: z.string(), name: z.string() }).nullable(),
        }),
      },
    },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/workspaces",
    operationId: "listWorkspaces",
    summary: "The caller's workspaces (a token's own workspace for tokens)",
    tag: "Workspaces",
    responses: { 200: { description: "Workspaces.", schema: listOf(workspaceSchema) } },
  },
  {
    method: "post",
    path: "/api/v1/workspaces",
    operationId: "createWorkspace",
    summary: "Create a workspace (sessions only)",
    tag: "Workspaces",
    body: createWorkspaceSchema,
    responses: { 201: { description: "The new workspace; the caller is its owner.", schema: workspaceSchema } },
    errors: [403],
  },
  {
    method: "get",
    path: "/api/v1/workspace",
    operationId: "getWorkspace",
    summary: "The current workspace",
    tag: "Workspaces",
    responses: { 200: { description: "The workspace.", schema: workspaceSchema } },
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/v1/workspace",
    operationId: "updateWorkspace",
    summary: "Rename the current workspace or set its HTTP allowlist (owner or admin)",
    tag: "Workspaces",
    body: updateWorkspaceSchema,
    responses: { 200: { description: "The workspace.", schema: workspaceSchema } },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    operationId: "listTokens",
    summary: "API tokens of the workspace (owner or admin)",
    tag: "Tokens",
    responses: { 200: { description: "Tokens (never their secrets).", schema: listOf(tokenSchema) } },
    errors: [403],
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    operationId: "createToken",
    summary: "Create an API token; its secret is shown once",
    tag: "Tokens",
    body: createTokenSchema,
    responses: {
      201: {
        description: "The token with its secret.",
        schema: tokenSchema.extend({ token: z.string().describe("The secret `ll_…`; store it now.") }),
      },
    },
    errors: [403],
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{id}",
    operationId: "revokeToken",
    summary: "Revoke an API token at once",
    tag: "Tokens",
    pathParams: { id: "Token id." },
    responses: { 200: { description: "The revoked token.", schema: tokenSchema } },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/api/v1/members",
    operationId: "listMembers",
    summary: "Members of the workspace",
    tag: "Members",
    responses: { 200: { description: "Members.", schema: listOf(memberSchema) } },
  },
  {
    method: "patch",
    path: "/api/v1/members/{userId}",
    operationId: "updateMember",
    summary: "Change a member's role",
    tag: "Members",
    pathParams: { userId: "The member's user id." },
    body: updateMemberSchema,
    responses: { 200: { description: "The member.", schema: memberSchema } },
    errors: [403, 404, 409],
  },
  {
    method: "delete",
    path: "/api/v1/members/{userId}",
    operationId: "removeMember",
    summary: "Remove a member (or leave)",
    tag: "Members",
    pathParams: { userId: "The member's user id." },
    responses: { 204: { description: "Removed." } },
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/invites",
    operationId: "listInvites",
    summary: "Pending invites",
    tag: "Members",
    responses: { 200: { description: "Pending invites.", schema: listOf(inviteSchema) } },
    errors: [403],
  },
  {
    method: "post",
    path: "/api/v1/invites",
    operationId: "createInvite",
    summary: "Invite someone by email; the link is shown once",
    tag: "Members",
    body: createInviteSchema,
    responses: {
      201: {
        description: "The invite with its link.",
        schema: inviteSchema.extend({
          url: z.string().describe("The invite link."),
          emailed: z.boolean().describe("True when the link was also emailed (the server has SMTP_URL)."),
          emailError: z.string().nullable().describe("Why the email could not be sent; the invite exists regardless."),
        }),
      },
    },
    errors: [403, 409, 429],
  },
  {
    method: "delete",
    path: "/api/v1/invites/{id}",
    operationId: "revokeInvite",
    summary: "Revoke a pending invite",
    tag: "Members",
    pathParams: { id: "Invite id." },
    responses: { 204: { description: "Revoked." } },
    errors: [403, 404],
  },
];
