import type { Role } from "@/lib/queries/types";

export const roleLabels: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** Roles an actor may hand out: only owners grant (or change) the owner role. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === "owner") return ["owner", "admin", "member"];
  if (actor === "admin") return ["admin", "member"];
  return [];
}

/** Whether the actor may change or remove a member with `target` role (not themselves). */
export function mayManageMember(actor: Role, target: Role): boolean {
  if (actor === "owner") return true;
  return actor === "admin" && target !== "owner";
}
