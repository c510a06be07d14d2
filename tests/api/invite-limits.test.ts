import { afterEach, describe, expect, it } from "vitest";
import { DELETE as revokeInvite } from "@/app/api/v1/invites/[id]/route";
import { POST as createInvite } from "@/app/api/v1/invites/route";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { addMember, apiRequest, call, makeUser, uniqueEmail, type TestUser } from "../support/factory";

afterEach(() => {
  delete process.env.INVITES_PER_INVITER_PER_DAY;
  delete process.env.INVITES_PER_WORKSPACE_PER_DAY;
  resetEnv();
});

function setCaps(perInviter: number, perWorkspace: number) {
  process.env.INVITES_PER_INVITER_PER_DAY = String(perInviter);
  process.env.INVITES_PER_WORKSPACE_PER_DAY = String(perWorkspace);
  resetEnv();
}

const invite = (by: TestUser, workspace?: string) =>
  call(
    createInvite,
    apiRequest("POST", "/api/v1/invites", { cookie: by.cookie, workspace }, { email: uniqueEmail("cap-guest") }),
  );

const revoke = (by: TestUser, id: string) =>
  call(revokeInvite, apiRequest("DELETE", `/api/v1/invites/${id}`, { cookie: by.cookie }), { id });

describe("daily invite caps", () => {
  it("an inviter past INVITES_PER_INVITER_PER_DAY gets 429 with Retry-After; revoking and inviting again counts", async () => {
    setCaps(3, 100);
    const owner = await makeUser("cap-inviter");
    for (let i = 0; i < 3; i++) {
      const res = await invite(owner);
      expect(res.status).toBe(201);
      // Revoking leaves no invite open, but each one created still counts.
      expect((await revoke(owner, res.body.id)).status).toBe(204);
    }
    const refused = await invite(owner);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.message).toContain("You can send 3 invites a day");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(await db.invite.count({ where: { workspaceId: owner.workspaceId } })).toBe(3);

    // The cap is the person's, in every workspace they can invite to.
    const team = await makeUser("cap-inviter-team");
    await addMember(team.workspaceId, owner.userId, "admin");
    expect((await invite(owner, team.slug)).status).toBe(429);
    // Another member of the same workspace has a cap of their own.
    const colleague = await makeUser("cap-colleague");
    await addMember(owner.workspaceId, colleague.userId, "admin");
    expect((await invite(colleague, owner.slug)).status).toBe(201);
  });

  it("a workspace past INVITES_PER_WORKSPACE_PER_DAY gets 429 naming the cap, whoever invites; a refused invite does not count", async () => {
    setCaps(100, 2);
    const owner = await makeUser("cap-ws");
    const admin = await makeUser("cap-ws-admin");
    await addMember(owner.workspaceId, admin.userId, "admin");
    expect((await invite(owner)).status).toBe(201);
    const second = await invite(admin, owner.slug);
    expect(second.status).toBe(201);
    expect((await revoke(owner, second.body.id)).status).toBe(204);

    const refused = await invite(admin, owner.slug);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain("This workspace can send 2 invites a day");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.invite.count({ where: { workspaceId: owner.workspaceId } })).toBe(2);

    // The refused invite was not counted against the admin: in their own workspace they may still invite.
    setCaps(2, 100);
    expect((await invite(admin)).status).toBe(201);
    expect((await invite(admin)).status).toBe(429);
  });
});
