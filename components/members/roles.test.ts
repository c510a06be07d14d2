import { describe, expect, it } from "vitest";
import { assignableRoles, mayManageMember } from "./roles";

describe("member roles in the dashboard", () => {
  it("lets only owners grant owner", () => {
    expect(assignableRoles("owner")).toContain("owner");
    expect(assignableRoles("admin")).toEqual(["admin", "member"]);
    expect(assignableRoles("member")).toEqual([]);
  });

  it("keeps admins away from owners and members away from everyone", () => {
    expect(mayManageMember("owner", "owner")).toBe(true);
    expect(mayManageMember("admin", "owner")).toBe(false);
    expect(mayManageMember("admin", "member")).toBe(true);
    expect(mayManageMember("member", "member")).toBe(false);
  });
});
