/** Every React Query key in one place; workspace data sits under ["workspace", slug]. */
export const queryKeys = {
  workspaces: () => ["workspaces"] as const,
  workspace: (slug: string) => ["workspace", slug] as const,
  me: (slug: string) => ["workspace", slug, "me"] as const,
  tokens: (slug: string) => ["workspace", slug, "tokens"] as const,
  credentials: (slug: string) => ["workspace", slug, "credentials"] as const,
  credentialReferences: (slug: string) => ["workspace", slug, "credentials", "reference"] as const,
  members: (slug: string) => ["workspace", slug, "members"] as const,
  invites: (slug: string) => ["workspace", slug, "invites"] as const,
  invite: (token: string) => ["invite", token] as const,
  billing: (slug: string) => ["workspace", slug, "billing"] as const,
  usage: (slug: string, month: string) => ["workspace", slug, "usage", month] as const,
  webhookEndpoints: (slug: string) => ["workspace", slug, "webhook-endpoints"] as const,
  auditLog: (slug: string, action: string) => ["workspace", slug, "audit-log", action] as const,
  auditVerification: (slug: string) => ["workspace", slug, "audit-log", "verify"] as const,
  webhookDeliveries: (slug: string, endpointId: string) =>
    ["workspace", slug, "webhook-endpoints", endpointId, "deliveries"] as const,
};
