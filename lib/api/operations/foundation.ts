import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf } from "@/lib/http/openapi-schemas";
import { createInviteSchema, updateMemberSchema } from "@/lib/members/schemas";
import {
  createdInviteResponseSchema,
  inviteResponseSchema,
  memberResponseSchema,
} from "@/lib/members/response-schemas";
import { createdTokenResponseSchema, tokenResponseSchema } from "@/lib/tokens/response-schemas";
import { meResponseSchema, workspaceResponseSchema } from "@/lib/workspaces/response-schemas";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { createWorkspaceSchema } from "@/lib/workspaces/create-workspace";
import { updateWorkspaceSchema } from "@/lib/workspaces/update-workspace";

/** The routes of the foundation: who am I, workspaces, tokens, members, invites. */
export const getMe = defineOperation({
  method: "get",
  path: "/api/v1/me",
  operationId: "getMe",
  summary: "Who is calling, in which workspace, with which role",
  tag: "Account",
  responses: {
    200: {
      description: "The caller.",
      schema: meResponseSchema,
    },
  },
  errors: [404],
});

export const listWorkspaces = defineOperation({
  method: "get",
  path: "/api/v1/workspaces",
  operationId: "listWorkspaces",
  summary: "The caller's workspaces (a token's own workspace for tokens)",
  tag: "Workspaces",
  responses: { 200: { description: "Workspaces.", schema: listOf(workspaceResponseSchema) } },
});

export const createWorkspace = defineOperation({
  method: "post",
  path: "/api/v1/workspaces",
  operationId: "createWorkspace",
  summary: "Create a workspace (sessions only)",
  tag: "Workspaces",
  body: createWorkspaceSchema,
  responses: { 201: { description: "The new workspace; the caller is its owner.", schema: workspaceResponseSchema } },
  errors: [403],
});

export const getWorkspace = defineOperation({
  method: "get",
  path: "/api/v1/workspace",
  operationId: "getWorkspace",
  summary: "The current workspace",
  tag: "Workspaces",
  responses: { 200: { description: "The workspace.", schema: workspaceResponseSchema } },
  errors: [404],
});

export const updateWorkspace = defineOperation({
  method: "patch",
  path: "/api/v1/workspace",
  operationId: "updateWorkspace",
  permission: "workspace.update",
  summary: "Rename the current workspace or set its HTTP allowlist (owner or admin)",
  tag: "Workspaces",
  body: updateWorkspaceSchema,
  responses: { 200: { description: "The workspace.", schema: workspaceResponseSchema } },
  errors: [403, 404],
});

export const listTokens = defineOperation({
  method: "get",
  path: "/api/v1/tokens",
  operationId: "listTokens",
  permission: "tokens.manage",
  summary: "API tokens of the workspace (owner or admin)",
  tag: "Tokens",
  responses: { 200: { description: "Tokens (never their secrets).", schema: listOf(tokenResponseSchema) } },
  errors: [403],
});

export const createToken = defineOperation({
  method: "post",
  path: "/api/v1/tokens",
  operationId: "createToken",
  permission: "tokens.manage",
  summary: "Create an API token; its secret is shown once",
  tag: "Tokens",
  body: createTokenSchema,
  responses: {
    201: {
      description: "The token with its secret.",
      schema: createdTokenResponseSchema,
    },
  },
  errors: [403],
});

export const revokeToken = defineOperation({
  method: "delete",
  path: "/api/v1/tokens/{id}",
  operationId: "revokeToken",
  permission: "tokens.manage",
  summary: "Revoke an API token at once",
  tag: "Tokens",
  pathParams: { id: "Token id." },
  responses: { 200: { description: "The revoked token.", schema: tokenResponseSchema } },
  errors: [403, 404],
});

export const listMembers = defineOperation({
  method: "get",
  path: "/api/v1/members",
  operationId: "listMembers",
  summary: "Members of the workspace",
  tag: "Members",
  responses: { 200: { description: "Members.", schema: listOf(memberResponseSchema) } },
});

export const updateMember = defineOperation({
  method: "patch",
  path: "/api/v1/members/{userId}",
  operationId: "updateMember",
  permission: "members.manage",
  summary: "Change a member's role",
  tag: "Members",
  pathParams: { userId: "The member's user id." },
  body: updateMemberSchema,
  responses: { 200: { description: "The member.", schema: memberResponseSchema } },
  errors: [403, 404, 409],
});

export const removeMember = defineOperation({
  method: "delete",
  path: "/api/v1/members/{userId}",
  operationId: "removeMember",
  summary: "Remove a member (or leave)",
  tag: "Members",
  pathParams: { userId: "The member's user id." },
  responses: { 204: { description: "Removed." } },
  errors: [403, 404, 409],
});

export const listInvites = defineOperation({
  method: "get",
  path: "/api/v1/invites",
  operationId: "listInvites",
  permission: "members.manage",
  summary: "Pending invites",
  tag: "Members",
  responses: { 200: { description: "Pending invites.", schema: listOf(inviteResponseSchema) } },
  errors: [403],
});

export const createInvite = defineOperation({
  method: "post",
  path: "/api/v1/invites",
  operationId: "createInvite",
  permission: "members.manage",
  summary: "Invite someone by email; the link is shown once",
  tag: "Members",
  body: createInviteSchema,
  responses: {
    201: {
      description: "The invite with its link.",
      schema: createdInviteResponseSchema,
    },
  },
  errors: [403, 409, 429],
});

export const revokeInvite = defineOperation({
  method: "delete",
  path: "/api/v1/invites/{id}",
  operationId: "revokeInvite",
  permission: "members.manage",
  summary: "Revoke a pending invite",
  tag: "Members",
  pathParams: { id: "Invite id." },
  responses: { 204: { description: "Revoked." } },
  errors: [403, 404],
});

export const foundationOperations: readonly ApiOperation[] = [
  getMe,
  listWorkspaces,
  createWorkspace,
  getWorkspace,
  updateWorkspace,
  listTokens,
  createToken,
  revokeToken,
  listMembers,
  updateMember,
  removeMember,
  listInvites,
  createInvite,
  revokeInvite,
];
