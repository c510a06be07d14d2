import { describe, expect, it } from "vitest";
import { POST as rollback } from "@/app/api/v1/agents/[id]/reflections/[rid]/rollback/route";
import { GET as reflections } from "@/app/api/v1/agents/[id]/reflections/route";
import { logAgent } from "@/lib/agents/agent-log";
import { applyReflection } from "@/lib/agents/apply-reflection";
import { KEEP_LOGS, KEEP_REFLECTIONS } from "@/lib/agents/constants";
import { answerReflection } from "@/lib/agents/local-reflection-responder";
import { parseReflection } from "@/lib/agents/parse-reflection";
import { recordReflection } from "@/lib/agents/record-reflection";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { apiRequest, call, makeUser } from "../support/factory";
import { agentBody, makeAgent, makeWorkflow } from "./helpers";

const CREW = [
  { role: "planner", systemPrompt: "You are the planner." },
  { role: "writer", systemPrompt: "You are the writer." },
];

async function setup(label: string) {
  const u = await makeUser(label);
  const wf = await makeWorkflow(u, "Digest", CREW);
  const agent = await makeAgent(u, agentBody([wf.id]));
  return { u, wf, agent, scope: scopeFor(u.workspaceId) };
}

async function currentCrew(workflowId: string) {
  const wf = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
  const v = await db.workflowVersion.findFirstOrThrow({ where: { workflowId, version: wf.currentVersion } });
  return { version: wf.currentVersion, crew: v.crew };
}

const fence = (v: unknown) => "```agent-reflect\n" + JSON.stringify(v) + "\n```";

describe("reflection rules", () => {
  it("records ok when the answer has no block, and leaves the workflow alone", async () => {
    const { wf, agent, scope } = await setup("rf-none");
    const row = await applyReflection(scope, {
      agentId: agent.id,
      workflowId: wf.id,
      parsed: parseReflection("Looks fine."),
    });
    expect(row.verdict).toBe("ok");
    expect((await currentCrew(wf.id)).version).toBe(1);
  });

  it("records ok when the block is invalid JSON", async () => {
    const { wf, agent, scope } = await setup("rf-json");
    const text = answerReflection("[[reflect:invalid-json]]", CREW);
    const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed: parseReflection(text) });
    expect(row.verdict).toBe("ok");
    expect(row.reason).toMatch(/not valid JSON/);
  });

  it("downgrades modify with empty agents to ok", async () => {
    const { wf, agent, scope } = await setup("rf-empty");
    const text = answerReflection("[[reflect:modify-empty]]", CREW);
    const parsed = parseReflection(text);
    expect(parsed.verdict).toBe("modify");
    const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed });
    expect(row.verdict).toBe("ok");
    expect(row.reason).toMatch(/Downgraded from modify/);
    expect(row.toVersionId).toBeNull();
    expect((await currentCrew(wf.id)).version).toBe(1);
  });

  it("downgrades a graph patch without edges to ok", async () => {
    const { wf, agent, scope } = await setup("rf-graph");
    const parsed = parseReflection(fence({ verdict: "modify", reason: "graph", patch: { nodes: [{ id: "a" }] } }));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed });
    expect(row.verdict).toBe("ok");
    expect(row.reason).toMatch(/no edges/);
  });

  it("saves a valid modify as a new version (source reflection), keeping the old one", async () => {
    const { wf, agent, scope } = await setup("rf-modify");
    const parsed = parseReflection(answerReflection("[[reflect:modify]]", CREW));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed });
    expect(row).toMatchObject({ verdict: "modify", rolledBack: false });
    const now = await currentCrew(wf.id);
    expect(now.version).toBe(2);
    expect((now.crew as { role: string }[]).map((m) => m.role)).toEqual(["planner", "writer", "reviewer"]);
    const v2 = await db.workflowVersion.findUniqueOrThrow({ where: { id: row.toVersionId! } });
    expect(v2.source).toBe("reflection");
    const v1 = await db.workflowVersion.findUniqueOrThrow({ where: { id: row.fromVersionId! } });
    expect(v1.version).toBe(1);
    // The audit log names the reflection as the actor of the new version.
    const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: wf.id }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({
      actorType: "reflection",
      actorId: agent.id,
      action: "workflow_version.reflection_patched",
      details: { fromVersion: 1, version: 2, source: "reflection" },
    });
  });

  it("restores the previous version and marks rolledBack when saving throws", async () => {
    const { wf, agent, scope } = await setup("rf-throw");
    // A real database failure on the insert of the new version, for this workflow only.
    const fn = `reject_${wf.id}`;
    await db.$executeRawUnsafe(
      `CREATE FUNCTION "${fn}"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "${fn}" BEFORE INSERT ON "WorkflowVersion" FOR EACH ROW WHEN (NEW."workflowId" = '${wf.id}') EXECUTE FUNCTION "${fn}"()`,
    );
    try {
      const parsed = parseReflection(answerReflection("[[reflect:modify]]", CREW));
      const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed });
      expect(row).toMatchObject({ verdict: "modify", rolledBack: true, toVersionId: null });
      const now = await currentCrew(wf.id);
      expect(now.version).toBe(1);
      expect(now.crew).toEqual(CREW);
      expect(await db.workflowVersion.count({ where: { workflowId: wf.id } })).toBe(1);
      const log = await db.agentLog.findFirst({ where: { agentId: agent.id, level: "error" } });
      expect(log?.message).toMatch(/kept version 1/);
      const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: wf.id }, orderBy: { seq: "desc" } });
      expect(audit).toMatchObject({ action: "workflow_version.rolled_back", details: { keptVersion: 1 } });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER "${fn}" ON "WorkflowVersion"`);
      await db.$executeRawUnsafe(`DROP FUNCTION "${fn}"()`);
    }
  });

  it("marks the agent failed on a fail verdict", async () => {
    const { wf, agent, scope } = await setup("rf-fail");
    const parsed = parseReflection(answerReflection("[[reflect:fail]]", CREW));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed });
    expect(row.verdict).toBe("fail");
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("failed");
  });

  it("keeps the newest 50 reflections: the 51st drops the oldest", async () => {
    const { agent, scope, u } = await setup("rf-cap");
    const old = new Date(Date.now() - 3_600_000);
    await db.reflection.createMany({
      data: Array.from({ length: KEEP_REFLECTIONS }, (_, i) => ({
        workspaceId: u.workspaceId,
        agentId: agent.id,
        verdict: "ok" as const,
        reason: `r${i}`,
        createdAt: new Date(old.getTime() + i * 1000),
      })),
    });
    await recordReflection(scope, { agentId: agent.id, verdict: "ok", reason: "newest" });
    const rows = await db.reflection.findMany({ where: { agentId: agent.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(KEEP_REFLECTIONS);
    expect(rows[0]!.reason).toBe("r1");
    expect(rows.at(-1)!.reason).toBe("newest");
  });

  it("keeps the newest 100 log entries: the 101st drops the oldest", async () => {
    const { agent, scope, u } = await setup("rf-logs");
    await db.agentLog.deleteMany({ where: { agentId: agent.id } });
    const old = new Date(Date.now() - 3_600_000);
    await db.agentLog.createMany({
      data: Array.from({ length: KEEP_LOGS }, (_, i) => ({
        workspaceId: u.workspaceId,
        agentId: agent.id,
        message: `m${i}`,
        createdAt: new Date(old.getTime() + i * 1000),
      })),
    });
    await logAgent(scope, agent.id, { message: "newest" });
    const rows = await db.agentLog.findMany({ where: { agentId: agent.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(KEEP_LOGS);
    expect(rows[0]!.message).toBe("m1");
    expect(rows.at(-1)!.message).toBe("newest");
  });

  it("shows a modify with the crew before and after, and rolls it back as a new version", async () => {
    const { u, wf, agent, scope } = await setup("rf-rollback");
    const parsed = parseReflection(answerReflection("[[reflect:modify]]", CREW));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed });
    const list = await call(
      reflections,
      apiRequest("GET", `/api/v1/agents/${agent.id}/reflections`, { token: u.token }),
      {
        id: agent.id,
      },
    );
    expect(list.status).toBe(200);
    const shown = list.body.data[0];
    expect(shown).toMatchObject({
      id: row.id,
      verdict: "modify",
      from: { version: 1, crew: CREW },
      to: { version: 2 },
    });
    expect(shown.to.crew).toHaveLength(3);

    const res = await call(
      rollback,
      apiRequest("POST", `/api/v1/agents/${agent.id}/reflections/${row.id}/rollback`, { cookie: u.cookie }),
      { id: agent.id, rid: row.id },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      workflowId: wf.id,
      restoredFrom: 1,
      version: { version: 3, source: "rollback", crew: CREW },
    });
    expect(await currentCrew(wf.id)).toEqual({ version: 3, crew: CREW });

    const ok = await applyReflection(scope, { agentId: agent.id, workflowId: wf.id, parsed: parseReflection("fine") });
    const notModify = await call(
      rollback,
      apiRequest("POST", `/api/v1/agents/${agent.id}/reflections/${ok.id}/rollback`, { token: u.token }),
      { id: agent.id, rid: ok.id },
    );
    expect(notModify.status).toBe(409);
    const missing = await call(
      rollback,
      apiRequest("POST", `/api/v1/agents/${agent.id}/reflections/nope/rollback`, { token: u.token }),
      { id: agent.id, rid: "nope" },
    );
    expect(missing.status).toBe(404);
  });
});
