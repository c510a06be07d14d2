import type { Role } from "@/lib/generated/prisma/enums";

export type Permission =
  | "workspace.read"
  | "workspace.update"
  | "workspace.delete"
  | "workflows.write"
  | "runs.write"
  | "agents.write"
  | "tokens.manage"
  | "credentials.manage"
  | "members.manage"
  | "billing.manage";

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([
    "workspace.read",
    "workspace.update",
    "workspace.delete",
    "workflows.write",
    "runs.write",
    "agents.write",
    "tokens.manage",
    "credentials.manage",
    "members.manage",
    "billing.manage",
  ]),
  admin: new Set<Permission>([
    "workspace.read",
    "workspace.update",
    "workflows.write",
    "runs.write",
    "agents.write",
    "tokens.manage",
    "credentials.manage",
    "members.manage",
    "billing.manage",
  ]),
  member: new Set<Permission>(["workspace.read", "workflows.write", "runs.write", "agents.write"]),
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };
