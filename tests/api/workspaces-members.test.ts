import { describe, expect, it } from "vitest";
import { POST as acceptInvite, GET as describeInvite } from "@/app/api/invites/[token]/route";
import { DELETE as revokeInvite } from "@/app/api/v1/invites/[id]/route";
import { GET as listInvites, POST as createInvite } from "@/app/api/v1/invites/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { DELETE as removeMember, PATCH as updateMember } from "@/app/api/v1/members/[userId]/route";
import { GET as listMembers } from "@/app/api/v1/members/route";
import { GET as getWorkspace, PATCH as renameWorkspace } from "@/app/api/v1/workspace/route";
import { GET as listWorkspaces, POST as createWorkspace } from "@/app/api/v1/workspaces/route";
import { db } from "@/lib/db/client";
import { addMember, apiRequest, call, makeUser, uniqueEmail } from "../support/factory";

describe("workspaces", () => {
  it("a user creates a second workspace and acts in either by naming it", async () => {
    const u = await makeUser("ws");
    const created = await call(
      createWorkspace,
      apiRequest("POST", "/api/v1/workspaces", { cookie: u.cookie }, { name: "Acme Research" }),
    );
    expect(created.status).toBe(201);
    expect(created.body.slug).toMatch(/^acme-research/);
    const list = await call(listWorkspaces, apiRequest("GET", "/api/v1/workspaces", { cookie: u.cookie }));
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([u.workspaceId, created.body.id]);
    const inSecond = await call(
      me,
      apiRequest("GET", "/api/v1/me", { cookie: u.cookie, workspace: created.body.slug }),
    );
    expect(inSecond.body.workspace.id).toBe(created.body.id);
    const inFirst = await call(me, apiRequest("GET", "/api/v1/me", { cookie: u.cookie }));
    expect(inFirst.body.workspace.id).toBe(u.workspaceId);
  });

  it("validates the name", async () => {
    const u = await makeUser("wsval");
    const res = await call(
      createWorkspace,
      apiRequest("POST", "/api/v1/workspaces", { cookie: u.cookie }, { name: "  " }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("name");
  });

  it("a member cannot rename the workspace; an owner can", async () => {
    const owner = await makeUser("ren");
    const member = await makeUser("ren-m");
    await addMember(owner.workspaceId, member.userId, "member");
    const denied = await call(
      renameWorkspace,
      apiRequest("PATCH", "/api/v1/workspace", { cookie: member.cookie, workspace: owner.slug }, { name: "Mine now" }),
    );
    expect(denied.status).toBe(403);
    const ok = await call(
      renameWorkspace,
      apiRequest("PATCH", "/api/v1/workspace", { cookie: owner.cookie }, { name: "Renamed" }),
    );
    expect(ok.body.name).toBe("Renamed");
  });
});

describe("HTTP allowlist", () => {
  it("an admin sets the hosts agents' http_request may reach; a member cannot; bad hosts are refused", async () => {
    const owner = await makeUser("allow");
    const member = await makeUser("allow-m");
    await addMember(owner.workspaceId, member.userId, "member");
    const denied = await call(
      renameWorkspace,
      apiRequest(
        "PATCH",
        "/api/v1/workspace",
        { cookie: member.cookie, workspace: owner.slug },
        { httpAllowlist: ["api.example.com"] },
      ),
    );
    expect(denied.status).toBe(403);
    const ok = await call(
      renameWorkspace,
      apiRequest(
        "PATCH",
        "/api/v1/workspace",
        { cookie: owner.cookie },
        { httpAllowlist: ["API.example.com", "*.example.org"] },
      ),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.httpAllowlist).toEqual(["api.example.com", "*.example.org"]);
    const bad = await call(
      renameWorkspace,
      apiRequest("PATCH", "/api/v1/workspace", { cookie: owner.cookie }, { httpAllowlist: ["https://x.com/path"] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("httpAllowlist.0");
  });
});

describe("invites and members", () => {
  it("an owner invites by link; the invited account accepts and becomes a member", async () => {
    const owner = await makeUser("inv-owner");
    const guest = await makeUser("inv-guest");
    const invite = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest.email, role: "member" }),
    );
    expect(invite.status).toBe(201);
    const token = invite.body.url.split("/invite/")[1];
    const described = await call(describeInvite, apiRequest("GET", `/api/invites/${token}`, null), { token });
    expect(described.body.workspace.slug).toBe(owner.slug);

    const stranger = await makeUser("inv-stranger");
    const wrongAccount = await call(
      acceptInvite,
      apiRequest("POST", `/api/invites/${token}`, { cookie: stranger.cookie }),
      { token },
    );
    expect(wrongAccount.status).toBe(403);

    const accepted = await call(acceptInvite, apiRequest("POST", `/api/invites/${token}`, { cookie: guest.cookie }), {
      token,
    });
    expect(accepted.status).toBe(200);
    const asGuest = await call(me, apiRequest("GET", "/api/v1/me", { cookie: guest.cookie, workspace: owner.slug }));
    expect(asGuest.body.role).toBe("member");

    const reused = await call(acceptInvite, apiRequest("POST", `/api/invites/${token}`, { cookie: guest.cookie }), {
      token,
    });
    expect(reused.status).toBe(404);
  });

  it("a member cannot invite, list invites or change roles", async () => {
    const owner = await makeUser("m-owner");
    const member = await makeUser("m-member");
    await addMember(owner.workspaceId, member.userId, "member");
    const auth = { cookie: member.cookie, workspace: owner.slug };
    expect(
      (await call(createInvite, apiRequest("POST", "/api/v1/invites", auth, { email: uniqueEmail() }))).status,
    ).toBe(403);
    expect((await call(listInvites, apiRequest("GET", "/api/v1/invites", auth))).status).toBe(403);
    const patch = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${owner.userId}`, auth, { role: "member" }),
      { userId: owner.userId },
    );
    expect(patch.status).toBe(403);
  });

  it("an owner changes a member's role; an admin cannot touch the owner; the last owner stays", async () => {
    const owner = await makeUser("r-owner");
    const other = await makeUser("r-other");
    await addMember(owner.workspaceId, other.userId, "member");
    const ownerAuth = { cookie: owner.cookie };
    const promoted = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${other.userId}`, ownerAuth, { role: "admin" }),
      { userId: other.userId },
    );
    expect(promoted.body.role).toBe("admin");
    const adminAuth = { cookie: other.cookie, workspace: owner.slug };
    const demoteOwner = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${owner.userId}`, adminAuth, { role: "member" }),
      { userId: owner.userId },
    );
    expect(demoteOwner.status).toBe(403);
    const removeOwner = await call(removeMember, apiRequest("DELETE", `/api/v1/members/${owner.userId}`, adminAuth), {
      userId: owner.userId,
    });
    expect(removeOwner.status).toBe(403);
    const selfDemote = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${owner.userId}`, ownerAuth, { role: "admin" }),
      { userId: owner.userId },
    );
    expect(selfDemote.status).toBe(409);
    const bad = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${other.userId}`, ownerAuth, { role: "king" }),
      { userId: other.userId },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("role");
    const members = await call(listMembers, apiRequest("GET", "/api/v1/members", ownerAuth));
    expect(members.body.data).toHaveLength(2);
  });

  it("a revoked invite cannot be accepted", async () => {
    const owner = await makeUser("rv-owner");
    const guest = await makeUser("rv-guest");
    const invite = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest.email }),
    );
    const token = invite.body.url.split("/invite/")[1];
    const revoked = await call(
      revokeInvite,
      apiRequest("DELETE", `/api/v1/invites/${invite.body.id}`, { cookie: owner.cookie }),
      {
        id: invite.body.id,
      },
    );
    expect(revoked.status).toBe(204);
    expect(
      (await call(acceptInvite, apiRequest("POST", `/api/invites/${token}`, { cookie: guest.cookie }), { token }))
        .status,
    ).toBe(404);
  });
});

describe("changes of membership take effect at once", () => {
  it("two owners demoting each other at the same moment leave exactly one owner", async () => {
    for (let round = 0; round < 4; round++) {
      const a = await makeUser("dd-a");
      const b = await makeUser("dd-b");
      await addMember(a.workspaceId, b.userId, "owner");
      const [ab, ba] = await Promise.all([
        call(
          updateMember,
          apiRequest("PATCH", `/api/v1/members/${b.userId}`, { cookie: a.cookie }, { role: "admin" }),
          { userId: b.userId },
        ),
        call(
          updateMember,
          apiRequest(
            "PATCH",
            `/api/v1/members/${a.userId}`,
            { cookie: b.cookie, workspace: a.slug },
            { role: "admin" },
          ),
          { userId: a.userId },
        ),
      ]);
      expect([ab.status, ba.status].filter((s) => s === 200)).toHaveLength(1);
      expect(await db.membership.count({ where: { workspaceId: a.workspaceId, role: "owner" } })).toBe(1);
    }
  });

  it("a removed member's session loses the workspace and the tokens they created stop working", async () => {
    const owner = await makeUser("rm-owner");
    const admin = await makeUser("rm-admin");
    await addMember(owner.workspaceId, admin.userId, "admin");
    const adminAuth = { cookie: admin.cookie, workspace: owner.slug };
    const created = await call(createTokenRoute, apiRequest("POST", "/api/v1/tokens", adminAuth, { name: "admin's" }));
    expect(created.status).toBe(201);
    const ownersToken = await call(
      createTokenRoute,
      apiRequest("POST", "/api/v1/tokens", { cookie: owner.cookie }, { name: "owner's" }),
    );
    expect((await call(me, apiRequest("GET", "/api/v1/me", { token: created.body.token }))).status).toBe(200);

    const removed = await call(
      removeMember,
      apiRequest("DELETE", `/api/v1/members/${admin.userId}`, { cookie: owner.cookie }),
      { userId: admin.userId },
    );
    expect(removed.status).toBe(204);
    expect((await call(me, apiRequest("GET", "/api/v1/me", adminAuth))).status).toBe(404);
    const tokenUse = await call(me, apiRequest("GET", "/api/v1/me", { token: created.body.token }));
    expect(tokenUse.status).toBe(401);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.revokedAt).not.toBeNull();
    // The owner's own token is untouched.
    expect((await call(me, apiRequest("GET", "/api/v1/me", { token: ownersToken.body.token }))).status).toBe(200);
  });

  it("removing an admin or making them a member revokes the pending invites they created", async () => {
    const owner = await makeUser("inv-owner");
    const removed = await makeUser("inv-removed");
    const demoted = await makeUser("inv-demoted");
    await addMember(owner.workspaceId, removed.userId, "admin");
    await addMember(owner.workspaceId, demoted.userId, "admin");
    const invite = async (by: typeof owner) => {
      const res = await call(
        createInvite,
        apiRequest("POST", "/api/v1/invites", { cookie: by.cookie, workspace: owner.slug }, { email: uniqueEmail() }),
      );
      expect(res.status).toBe(201);
      return { id: res.body.id as string, token: res.body.url.split("/invite/")[1] as string };
    };
    const byRemoved = await invite(removed);
    const byDemoted = await invite(demoted);
    const byOwner = await invite(owner);

    const gone = await call(
      removeMember,
      apiRequest("DELETE", `/api/v1/members/${removed.userId}`, { cookie: owner.cookie }),
      { userId: removed.userId },
    );
    expect(gone.status).toBe(204);
    const demotion = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${demoted.userId}`, { cookie: owner.cookie }, { role: "member" }),
      { userId: demoted.userId },
    );
    expect(demotion.status).toBe(200);

    const rows = await db.invite.findMany({ where: { id: { in: [byRemoved.id, byDemoted.id, byOwner.id] } } });
    const revoked = Object.fromEntries(rows.map((r) => [r.id, r.revokedAt !== null]));
    expect(revoked).toEqual({ [byRemoved.id]: true, [byDemoted.id]: true, [byOwner.id]: false });
    const described = await call(describeInvite, apiRequest("GET", `/api/invites/${byRemoved.token}`, null), {
      token: byRemoved.token,
    });
    expect(described.status).not.toBe(200);
  });

  it("a token stops working when its creator's membership ends any other way", async () => {
    const owner = await makeUser("gone-owner");
    const admin = await makeUser("gone-admin");
    await addMember(owner.workspaceId, admin.userId, "admin");
    const created = await call(
      createTokenRoute,
      apiRequest("POST", "/api/v1/tokens", { cookie: admin.cookie, workspace: owner.slug }, { name: "orphan" }),
    );
    await db.membership.delete({
      where: { workspaceId_userId: { workspaceId: owner.workspaceId, userId: admin.userId } },
    });
    const res = await call(me, apiRequest("GET", "/api/v1/me", { token: created.body.token }));
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/no longer a member/);
  });

  it("a demoted owner's session has the new role on its next request", async () => {
    const a = await makeUser("dm-a");
    const b = await makeUser("dm-b");
    await addMember(a.workspaceId, b.userId, "owner");
    const bAuth = { cookie: b.cookie, workspace: a.slug };
    expect((await call(me, apiRequest("GET", "/api/v1/me", bAuth))).body.role).toBe("owner");
    const demoted = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${b.userId}`, { cookie: a.cookie }, { role: "member" }),
      { userId: b.userId },
    );
    expect(demoted.status).toBe(200);
    expect((await call(me, apiRequest("GET", "/api/v1/me", bAuth))).body.role).toBe("member");
    const stillOwner = await call(
      updateMember,
      apiRequest("PATCH", `/api/v1/members/${a.userId}`, bAuth, { role: "member" }),
      { userId: a.userId },
    );
    expect(stillOwner.status).toBe(403);
  });
});

describe("another workspace is a 404", () => {
  it("for every workspace route so far", async () => {
    const a = await makeUser("iso-a");
    const b = await makeUser("iso-b");
    const tokenRes = await call(
      (await import("@/app/api/v1/tokens/route")).POST,
      apiRequest("POST", "/api/v1/tokens", { cookie: a.cookie }, { name: "a's" }),
    );
    const invite = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: a.cookie }, { email: uniqueEmail() }),
    );
    const { DELETE: revokeToken } = await import("@/app/api/v1/tokens/[id]/route");
    const { GET: listTokens, POST: createToken } = await import("@/app/api/v1/tokens/route");

    // b's session naming a's workspace: every route answers 404.
    const bInA = { cookie: b.cookie, workspace: a.slug };
    const cases: [string, Promise<{ status: number }>][] = [
      ["GET /me", call(me, apiRequest("GET", "/api/v1/me", bInA))],
      ["GET /workspace", call(getWorkspace, apiRequest("GET", "/api/v1/workspace", bInA))],
      ["GET /members", call(listMembers, apiRequest("GET", "/api/v1/members", bInA))],
      ["GET /invites", call(listInvites, apiRequest("GET", "/api/v1/invites", bInA))],
      ["POST /invites", call(createInvite, apiRequest("POST", "/api/v1/invites", bInA, { email: uniqueEmail() }))],
      ["PATCH /workspace", call(renameWorkspace, apiRequest("PATCH", "/api/v1/workspace", bInA, { name: "Taken" }))],
      ["GET /tokens", call(listTokens, apiRequest("GET", "/api/v1/tokens", bInA))],
      ["POST /tokens", call(createToken, apiRequest("POST", "/api/v1/tokens", bInA, { name: "b's in a" }))],
    ];
    for (const [name, p] of cases) expect((await p).status, name).toBe(404);
    // Nothing was written in a's workspace by those requests.
    const aWorkspace = await call(getWorkspace, apiRequest("GET", "/api/v1/workspace", { cookie: a.cookie }));
    expect(aWorkspace.body.name).not.toBe("Taken");
    const aTokens = await call(listTokens, apiRequest("GET", "/api/v1/tokens", { cookie: a.cookie }));
    expect(aTokens.body.data.map((t: { name: string }) => t.name)).not.toContain("b's in a");
    const aInvites = await call(listInvites, apiRequest("GET", "/api/v1/invites", { cookie: a.cookie }));
    expect(aInvites.body.data).toHaveLength(1);

    // b acting in b's own workspace on a's object ids: 404, and nothing changes.
    const bOwn = { cookie: b.cookie };
    expect((await call(revokeToken, apiRequest("DELETE", "/x", bOwn), { id: tokenRes.body.id })).status).toBe(404);
    expect((await call(revokeInvite, apiRequest("DELETE", "/x", bOwn), { id: invite.body.id })).status).toBe(404);
    expect(
      (await call(updateMember, apiRequest("PATCH", "/x", bOwn, { role: "member" }), { userId: a.userId })).status,
    ).toBe(404);
    expect((await call(removeMember, apiRequest("DELETE", "/x", bOwn), { userId: a.userId })).status).toBe(404);

    // b's token naming a's workspace: 404.
    expect((await call(me, apiRequest("GET", "/api/v1/me?workspace=" + a.slug, { token: b.token }))).status).toBe(404);
    // a's token still works: nothing was revoked.
    expect((await call(me, apiRequest("GET", "/api/v1/me", { token: tokenRes.body.token }))).status).toBe(200);
  });
});
