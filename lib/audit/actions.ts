/** What an audit entry records; the log's `action` filter takes these. */
export const AUDIT_ACTIONS = [
  "user.signed_in",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "invite.created",
  "invite.revoked",
  "token.created",
  "token.revoked",
  "credential.created",
  "credential.updated",
  "credential.rotated",
  "credential.deleted",
  "credential.used",
  "webhook_endpoint.created",
  "webhook_endpoint.updated",
  "webhook_endpoint.rotated",
  "webhook_endpoint.deleted",
  "mcp_server.created",
  "mcp_server.deleted",
  "workflow_version.created",
  "workflow_version.restored",
  "workflow_version.reflection_patched",
  "workflow_version.rolled_back",
  "run.started",
  "run.cancelled",
  "approval.decided",
  "proposal.approved",
  "proposal.rejected",
  "plan.changed",
  "project.exported",
  "audit_log.exported",
  "audit_log.pruned",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_TYPES = ["user", "token", "agent", "reflection", "system"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
