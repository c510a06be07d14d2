/*
 * The account, workspace, token, member and credential shapes as the dashboard reads them from
 * the API, read off its response schemas (dates are ISO strings).
 */
import type { z } from "zod";
import type {
  credentialDeletedSchema,
  credentialKindSchema,
  credentialReferenceSchema,
  credentialResponseSchema,
} from "@/lib/credentials/response-schemas";
import type { listOf } from "@/lib/http/openapi-schemas";
import type {
  createdInviteResponseSchema,
  inviteDescriptionSchema,
  inviteResponseSchema,
  memberResponseSchema,
} from "@/lib/members/response-schemas";
import type { createdTokenResponseSchema, tokenResponseSchema } from "@/lib/tokens/response-schemas";
import type { meResponseSchema, roleSchema, workspaceResponseSchema } from "@/lib/workspaces/response-schemas";

export type Role = z.output<typeof roleSchema>;
export type WorkspaceSummary = z.output<typeof workspaceResponseSchema>;
export type Plan = WorkspaceSummary["plan"];
export type Me = z.output<typeof meResponseSchema>;

export type ApiToken = z.output<typeof tokenResponseSchema>;
/** Only the create answer carries the secret. */
export type CreatedApiToken = z.output<typeof createdTokenResponseSchema>;

export type CredentialKind = z.output<typeof credentialKindSchema>;
/** A workspace secret as the API shows it: never the secret itself. */
export type Credential = z.output<typeof credentialResponseSchema>;
/** What every member sees of a credential, to pick it for a model or a tool. */
export type CredentialReference = z.output<typeof credentialReferenceSchema>;
export type CredentialDeleted = z.output<typeof credentialDeletedSchema>;

export type Member = z.output<typeof memberResponseSchema>;
export type Invite = z.output<typeof inviteResponseSchema>;
/** Only the create answer carries the link. */
export type CreatedInvite = z.output<typeof createdInviteResponseSchema>;
export type InviteDescription = z.output<typeof inviteDescriptionSchema>;

/** A list without pagination (`listOf` on the server). */
export type ListResponse<T> = Omit<z.output<ReturnType<typeof listOf>>, "data"> & { data: T[] };
