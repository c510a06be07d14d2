import { describe, expect, it } from "vitest";
import { POST as decide } from "@/app/api/v1/agents/[id]/reflections/[rid]/decide/route";
import { GET as reflections } from "@/app/api/v1/agents/[id]/reflections/route";
import { GET as getAgent, PATCH as patchAgent } from "@/app/api/v1/agents/[id]/route";
import { PUT as replaceCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { applyReflection } from "@/lib/agents/apply-reflection";
import { answerReflection } from "@/lib/agents/local-reflection-responder";
import { parseReflection } from "@/lib/agents/parse-reflection";
import { reflectionRequest } from "@/lib/agents/reflect-on-tick";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { addMember, apiRequest, call, makeUser, sessionCookie, type TestUser } from "../support/factory";
import { agentBody, makeAgent, makeWorkflow } from "./helpers";

const CREW = [
  { role: "planner", systemPrompt: "You are the planner." },
  { role: "writer", systemPrompt: "You are the writer." },
];

async function setup(label: string) {
  const u = await makeUser(label);
  const wf = await makeWorkflow(u, "Digest", CREW);
  const agent = await makeAgent(u, agentBody([wf.id], { patchMode: "propose" }));
  const scope = scopeFor(u.workspaceId);
  const propose = () =>
    applyReflection(scope, {
      agentId: agent.id,
      workflowId: wf.id,
      parsed: parseReflection(answerReflection("[[reflect:modify]]", CREW)),
    });
  return { u, wf, agent, propose };
}

const version = async (workflowId: string) =>
  (await db.workflow.findUniqueOrThrow({ where: { id: workflowId } })).currentVersion;

function decideAs(
  auth: { token: string } | { cookie: string; workspace?: string },
  agentId: string,
  rid: string,
  body: unknown,
) {
  return call(decide, apiRequest("POST", `/api/v1/agents/${agentId}/reflections/${rid}/decide`, auth, body), {
    id: agentId,
    rid,
  });
}

describe("agents that propose", () => {
  it("store a modify verdict as an open proposal; an admin's approval makes it the new version", async () => {
    const { u, wf, agent, propose } = await setup("prop-approve");
    const shown = await call(getAgent, apiRequest("GET", `/api/v1/agents/${agent.id}`, { token: u.token }), {
      id: agent.id,
    });
    expect(shown.body.patchMode).toBe("propose");
    const row = await propose();
    expect(row).toMatchObject({ verdict: "modify", proposal: "open", toVersionId: null });
    expect(await version(wf.id)).toBe(1);
    const listed = await call(
      reflections,
      apiRequest("GET", `/api/v1/agents/${agent.id}/reflections`, { token: u.token }),
      { id: agent.id },
    );
    expect(listed.body.data[0]).toMatchObject({ id: row.id, proposal: "open" });

    // API tokens act with member rights: only an admin or owner decides.
    expect((await decideAs({ token: u.token }, agent.id, row.id, { decision: "approved" })).status).toBe(403);
    const res = await decideAs({ cookie: u.cookie }, agent.id, row.id, { decision: "approved", comment: "Good call." });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ proposal: "approved", decisionComment: "Good call.", to: { version: 2 } });
    expect(await version(wf.id)).toBe(2);
    expect((await decideAs({ cookie: u.cookie }, agent.id, row.id, { decision: "rejected" })).status).toBe(409);
    const audited = await db.auditEntry.findMany({ where: { workspaceId: u.workspaceId, targetId: row.id } });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      action: "proposal.approved",
      actorType: "user",
      actorId: u.userId,
      targetType: "reflection",
    });
    expect(audited[0]!.details).toMatchObject({ agentId: agent.id, workflowId: wf.id, comment: "Good call." });
  });

  it("a rejection keeps the workflow and the comment; another workspace's agent is 404", async () => {
    const { u, wf, agent, propose } = await setup("prop-reject");
    const row = await propose();
    const member = await makeUser("prop-member");
    await addMember(u.workspaceId, member.userId, "member");
    const asMember = { cookie: await sessionCookie(member.userId, member.email), workspace: u.workspaceId };
    expect((await decideAs(asMember, agent.id, row.id, { decision: "rejected" })).status).toBe(403);
    const other: TestUser = await makeUser("prop-other");
    expect((await decideAs({ cookie: other.cookie }, agent.id, row.id, { decision: "rejected" })).status).toBe(404);
    const bad = await decideAs({ cookie: u.cookie }, agent.id, row.id, { decision: "maybe" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("decision");

    const res = await decideAs({ cookie: u.cookie }, agent.id, row.id, { decision: "rejected", comment: "Too long." });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ proposal: "rejected", decisionComment: "Too long.", to: null });
    expect(await version(wf.id)).toBe(1);
    // Only the decision that was made is in the audit log: not the refused or invalid ones.
    const audited = await db.auditEntry.findMany({ where: { workspaceId: u.workspaceId, targetId: row.id } });
    expect(audited.map((e) => e.action)).toEqual(["proposal.rejected"]);
    expect(audited[0]!.details).toMatchObject({ comment: "Too long." });

    // The agent's next reflection reads the decision and its comment.
    const run = await db.run.create({
      data: {
        workspaceId: u.workspaceId,
        workflowId: wf.id,
        workflowVersionId: (await db.workflowVersion.findFirstOrThrow({ where: { workflowId: wf.id } })).id,
        input: "Today's news",
        stepCount: 0,
        status: "completed",
      },
    });
    const request = await reflectionRequest(scopeFor(u.workspaceId), agent.id, run.id);
    expect(request.messages[0]!.content).toContain('"reviewsOfYourProposals"');
    expect(request.messages[0]!.content).toContain("Too long.");
  });

  it("a proposal expires when the workflow changes under it", async () => {
    const { u, wf, agent, propose } = await setup("prop-expire");
    const row = await propose();
    const put = await call(
      replaceCrew,
      apiRequest("PUT", `/api/v1/workflows/${wf.id}/crew`, { token: u.token }, { crew: [CREW[0]] }),
      { id: wf.id },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const res = await decideAs({ cookie: u.cookie }, agent.id, row.id, { decision: "approved" });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("expired");
    expect((await db.reflection.findUniqueOrThrow({ where: { id: row.id } })).proposal).toBe("expired");
    expect(await version(wf.id)).toBe(2);
  });

  it("apply stays the default, and an agent can be switched to propose", async () => {
    const u = await makeUser("prop-default");
    const wf = await makeWorkflow(u, "Digest", CREW);
    const agent = await makeAgent(u, agentBody([wf.id]));
    const res = await call(
      patchAgent,
      apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { token: u.token }, { patchMode: "propose" }),
      { id: agent.id },
    );
    expect(res.status).toBe(200);
    expect(res.body.patchMode).toBe("propose");
    const bad = await call(
      patchAgent,
      apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { token: u.token }, { patchMode: "sometimes" }),
      { id: agent.id },
    );
    expect(bad.status).toBe(400);
  });
});
