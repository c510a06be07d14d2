/** Shapes of the API's JSON answers as the dashboard sees them (dates are ISO strings). */

export type Role = "owner" | "admin" | "member";
export type Plan = "free" | "pro" | "team";

export interface WorkspaceSummary {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  role: Role;
}

export interface Me {
  workspace: Omit<WorkspaceSummary, "role">;
  role: Role;
  user: { id: string; email: string; name: string | null } | null;
  token: { id: string; name: string } | null;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdById: string | null;
}

/** Only the create answer carries the secret. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export type CredentialKind = "anthropic" | "openai" | "ollama" | "http" | "mcp";

/** A workspace secret as the API shows it: never the secret itself. */
export interface Credential {
  id: string;
  name: string;
  kind: CredentialKind;
  /** The secret's last four characters; empty for short secrets. */
  lastFour: string;
  /** openai and ollama keys: the only endpoint the key is sent to; null for the provider's own API. */
  baseUrl: string | null;
  /** http and mcp tokens: the only hosts the token is sent to. */
  hosts: string[];
  createdById: string | null;
  lastUsedAt: string | null;
  lastUsedRunId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What every member sees of a credential, to pick it for a model or a tool. */
export type CredentialReference = Pick<Credential, "id" | "name" | "kind" | "baseUrl" | "hosts">;

export interface Member {
  userId: string;
  role: Role;
  createdAt: string;
  user: { email: string; name: string | null; image: string | null };
}

export interface Invite {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** Only the create answer carries the link. */
export interface CreatedInvite extends Invite {
  url: string;
  /** The link was also emailed (the server has SMTP configured). */
  emailed: boolean;
  /** Why the email could not be sent; the invite exists regardless. */
  emailError: string | null;
}

export interface InviteDescription {
  email: string;
  role: Role;
  workspace: { name: string; slug: string };
}

export interface ListResponse<T> {
  data: T[];
}
