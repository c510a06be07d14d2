import { describe, expect, it } from "vitest";
import { POST as acceptInvite } from "@/app/api/invites/[token]/route";
import { POST as createInvite } from "@/app/api/v1/invites/route";
import { DELETE as removeMember, PATCH as updateMember } from "@/app/api/v1/members/[userId]/route";
import { POST as cancelRun } from "@/app/api/v1/runs/[id]/cancel/route";
import { PUT as replaceCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as restoreVersion } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { db } from "@/lib/db/client";
import { apiRequest, call, fromClient, makeUser } from "../support/factory";

const CREW = [
  { role: "researcher", systemPrompt: "Extract the key claims." },
  { role: "writer", systemPrompt: "Draft a summary." },
];

describe("the audit log records", () => {
  it("workflow versions made, replaced and restored, and runs started and cancelled, by whom and from where", async () => {
    const owner = await makeUser("audit-actions");
    const auth = { token: owner.token };
    const from = fromClient("203.0.113.20");
    const made = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, { name: "Audited", model: "claude-sonnet-4-6", crew: CREW }, from),
    );
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const put = (crew: unknown) =>
      call(replaceCrew, apiRequest("PUT", `/api/v1/workflows/${id}/crew`, auth, { crew }, from), { id });
    expect((await put([...CREW, { role: "reviewer", systemPrompt: "Review." }])).body.created).toBe(true);
    // The same crew again changes nothing and records nothing.
    expect((await put([...CREW, { role: "reviewer", systemPrompt: "Review." }])).body.created).toBe(false);
    const restored = await call(
      restoreVersion,
      apiRequest("POST", `/api/v1/workflows/${id}/versions/1/restore`, auth, undefined, from),
      { id, version: "1" },
    );
    expect(restored.status).toBe(201);
    const run = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${id}/runs`, auth, { input: "Read this." }, from),
      { id },
    );
    expect(run.status).toBe(202);
    const cancel = () =>
      call(cancelRun, apiRequest("POST", `/api/v1/runs/${run.body.id}/cancel`, auth, undefined, from), {
        id: run.body.id,
      });
    expect((await cancel()).body.status).toBe("cancelled");
    expect((await cancel()).status).toBe(409);

    const entries = await db.auditEntry.findMany({
      where: { workspaceId: owner.workspaceId },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.action, e.targetId, e.details])).toEqual([
      ["workflow_version.created", id, { version: 1, source: "user", newWorkflow: true }],
      ["workflow_version.created", id, { version: 2, source: "user" }],
      ["workflow_version.restored", id, { version: 3, source: "restore", restoredFrom: 1 }],
      ["run.started", run.body.id, { workflowId: id, triggeredBy: "token" }],
      ["run.cancelled", run.body.id, { status: "queued" }],
    ]);
    const token = await db.apiToken.findFirstOrThrow({ where: { workspaceId: owner.workspaceId } });
    for (const e of entries) {
      expect(e).toMatchObject({ actorType: "token", actorId: token.id, clientAddress: "203.0.113.20" });
    }
  });

  it("invites, joins, role changes and removals of members", async () => {
    const owner = await makeUser("audit-members");
    const guest = await makeUser("audit-guest");
    const invite = await call(
      createInvite,
      apiRequest(
        "POST",
        "/api/v1/invites",
        { cookie: owner.cookie },
        { email: guest.email, role: "member" },
        fromClient("203.0.113.30"),
      ),
    );
    const token = invite.body.url.split("/invite/")[1];
    const joined = await call(
      acceptInvite,
      apiRequest("POST", `/api/invites/${token}`, { cookie: guest.cookie }, undefined, fromClient("203.0.113.31")),
      { token },
    );
    expect(joined.status).toBe(200);
    const member = (role: string) =>
      call(updateMember, apiRequest("PATCH", `/api/v1/members/${guest.userId}`, { cookie: owner.cookie }, { role }), {
        userId: guest.userId,
      });
    expect((await member("admin")).status).toBe(200);
    // The same role again changes nothing and records nothing.
    expect((await member("admin")).status).toBe(200);
    const removed = await call(
      removeMember,
      apiRequest("DELETE", `/api/v1/members/${guest.userId}`, { cookie: owner.cookie }),
      { userId: guest.userId },
    );
    expect(removed.status).toBe(204);

    const entries = await db.auditEntry.findMany({
      where: { workspaceId: owner.workspaceId },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId, e.targetId, e.clientAddress, e.details])).toEqual([
      ["invite.created", owner.userId, invite.body.id, "203.0.113.30", { role: "member" }],
      ["member.joined", guest.userId, guest.userId, "203.0.113.31", { role: "member", inviteId: invite.body.id }],
      ["member.role_changed", owner.userId, guest.userId, null, { from: "member", role: "admin" }],
      ["member.removed", owner.userId, guest.userId, null, { role: "admin", left: false }],
    ]);
  });
});
