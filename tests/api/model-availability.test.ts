import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as rollback } from "@/app/api/v1/agents/[id]/reflections/[rid]/rollback/route";
import { PATCH as patchAgent } from "@/app/api/v1/agents/[id]/route";
import { POST as createAgentRoute } from "@/app/api/v1/agents/route";
import { PUT as putCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { GET as getWorkflow, PATCH as patchWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { POST as restore } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { applyReflection } from "@/lib/agents/apply-reflection";
import { parseReflection } from "@/lib/agents/parse-reflection";
import { recordReflection } from "@/lib/agents/record-reflection";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { agentBody, fields, makeAgent, makeWorkflow } from "../agents/helpers";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

const CREW = [
  { role: "planner", systemPrompt: "You are the planner." },
  { role: "writer", systemPrompt: "You are the writer." },
];

function setEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnv();
}

function messageOf(res: { body: { error: { details?: { field: string; message: string }[] } } }, field: string) {
  return res.body.error.details?.find((d) => d.field === field)?.message ?? "";
}

const create = (u: TestUser, body: unknown) =>
  call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));

/** A version saved before the key was set: written as the old code did, straight to the table. */
async function addOldVersion(u: TestUser, workflowId: string, crew: object[]) {
  const wf = await db.workflow.update({ where: { id: workflowId }, data: { currentVersion: { increment: 1 } } });
  return db.workflowVersion.create({
    data: { workspaceId: u.workspaceId, workflowId, version: wf.currentVersion, crew },
  });
}

describe("with ANTHROPIC_API_KEY set, a model no provider serves is refused when saved", () => {
  beforeAll(() => setEnv({ ANTHROPIC_API_KEY: "sk-ant-test", MODEL_PROVIDER: undefined }));
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnv();
  });

  it("workflow create: 400 naming model or crew.N.model and the available models; nothing written", async () => {
    const u = await makeUser("ms-create");
    const bad = await create(u, { name: "x", model: "gpt-4o" });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(["model"]);
    expect(messageOf(bad, "model")).toMatch(/^No configured model provider serves gpt-4o; available: claude-\*/);
    expect(messageOf(bad, "model")).toContain("claude-sonnet-4-6");
    expect(bad.body.error.message).toContain("model");

    const crew = [...CREW, { role: "reviewer", systemPrompt: "Review.", model: "my-model" }];
    const badCrew = await create(u, { name: "x", crew });
    expect(badCrew.status).toBe(400);
    expect(fields(badCrew)).toEqual(["crew.2.model"]);
    expect(messageOf(badCrew, "crew.2.model")).toContain("serves my-model");
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);

    const ok = await create(u, {
      name: "x",
      model: "claude-opus-4-7",
      crew: [{ ...crew[2]!, model: "claude-haiku-4-5" }],
    });
    expect(ok.status).toBe(201);
  });

  it("workflow update and crew replace: 400 naming the field; the workflow keeps what it had", async () => {
    const u = await makeUser("ms-update");
    const wf = await makeWorkflow(u, "Digest", CREW);
    const patched = await call(
      patchWorkflow,
      apiRequest("PATCH", `/api/v1/workflows/${wf.id}`, { token: u.token }, { model: "gpt-4o" }),
      { id: wf.id },
    );
    expect(patched.status).toBe(400);
    expect(fields(patched)).toEqual(["model"]);

    const put = await call(
      putCrew,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${wf.id}/crew`,
        { token: u.token },
        {
          crew: [CREW[0], { ...CREW[1], model: "llama3" }],
        },
      ),
      { id: wf.id },
    );
    expect(put.status).toBe(400);
    expect(fields(put)).toEqual(["crew.1.model"]);
    const row = await db.workflow.findUniqueOrThrow({ where: { id: wf.id } });
    expect(row).toMatchObject({ model: "claude-sonnet-4-6", currentVersion: 1 });
  });

  it("a version saved before the key still reads, but restoring it is refused naming crew.N.model", async () => {
    const u = await makeUser("ms-restore");
    const wf = await makeWorkflow(u, "Digest", CREW);
    await addOldVersion(u, wf.id, [CREW[0]!, { ...CREW[1]!, model: "gpt-4o" }]);

    const got = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${wf.id}`, { token: u.token }), {
      id: wf.id,
    });
    expect(got.status).toBe(200);
    expect(got.body.crew[1].model).toEqual({ provider: "openai", model: "gpt-4o" });

    const res = await call(
      restore,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/versions/2/restore`, { token: u.token }),
      { id: wf.id, version: "2" },
    );
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(["crew.1.model"]);
    expect(res.body.error.message).toMatch(/^Version 2 cannot be made current: invalid crew\.1\.model: No configured/);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: wf.id } })).currentVersion).toBe(2);

    const fine = await call(
      restore,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/versions/1/restore`, { token: u.token }),
      { id: wf.id, version: "1" },
    );
    expect(fine.status).toBe(201);
  });

  it("agent create and update: 400 naming model, suggesting models big enough to reflect", async () => {
    const u = await makeUser("ms-agent");
    const wf = await makeWorkflow(u, "Digest", CREW);
    const bad = await call(
      createAgentRoute,
      apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { model: "gpt-4o" })),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(["model"]);
    expect(messageOf(bad, "model")).toMatch(/^No configured model provider serves gpt-4o; available: claude-\*/);
    expect(messageOf(bad, "model")).toContain("claude-sonnet-4-6");
    expect(messageOf(bad, "model")).not.toContain("haiku");
    expect(await db.agent.count({ where: { workspaceId: u.workspaceId } })).toBe(0);

    const agent = await makeAgent(u, agentBody([wf.id]));
    const patched = await call(
      patchAgent,
      apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { token: u.token }, { model: "my-model" }),
      { id: agent.id },
    );
    expect(patched.status).toBe(400);
    expect(fields(patched)).toEqual(["model"]);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).model).toBe("claude-sonnet-4-6");
  });

  it("a reflection patch naming a model no provider serves is malformed: downgraded to ok, nothing saved", async () => {
    const u = await makeUser("ms-reflect");
    const wf = await makeWorkflow(u, "Digest", CREW);
    const agent = await makeAgent(u, agentBody([wf.id]));
    const patch = { agents: [CREW[0], { ...CREW[1], model: "gpt-4o" }] };
    const text = "```agent-reflect\n" + JSON.stringify({ verdict: "modify", reason: "Use GPT", patch }) + "\n```";
    const row = await applyReflection(scopeFor(u.workspaceId), {
      agentId: agent.id,
      workflowId: wf.id,
      parsed: parseReflection(text),
    });
    expect(row.verdict).toBe("ok");
    expect(row.reason).toMatch(
      /^Downgraded from modify to ok: the patch is malformed at agents\.1\.model: No configured/,
    );
    expect(row.toVersionId).toBeNull();
    expect((await db.workflow.findUniqueOrThrow({ where: { id: wf.id } })).currentVersion).toBe(1);
  });

  it("rolling a reflection back to a crew whose model no provider serves is refused", async () => {
    const u = await makeUser("ms-rollback");
    const wf = await makeWorkflow(u, "Digest", CREW);
    const agent = await makeAgent(u, agentBody([wf.id]));
    const before = await addOldVersion(u, wf.id, [{ ...CREW[0]!, model: "gpt-4o" }]);
    const after = await addOldVersion(u, wf.id, CREW);
    const reflection = await recordReflection(scopeFor(u.workspaceId), {
      agentId: agent.id,
      workflowId: wf.id,
      verdict: "modify",
      reason: "Changed",
      fromVersionId: before.id,
      toVersionId: after.id,
    });
    const res = await call(
      rollback,
      apiRequest("POST", `/api/v1/agents/${agent.id}/reflections/${reflection.id}/rollback`, { token: u.token }),
      { id: agent.id, rid: reflection.id },
    );
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(["crew.0.model"]);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: wf.id } })).currentVersion).toBe(3);
  });
});

describe("without a key, or with MODEL_PROVIDER=local, every model is served (simulated)", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnv();
  });

  it("accepts any model id, as before", async () => {
    setEnv({ ANTHROPIC_API_KEY: undefined, MODEL_PROVIDER: undefined });
    const u = await makeUser("ms-local");
    const res = await create(u, { name: "x", model: "my-model", crew: [{ ...CREW[0]!, model: "gpt-4o" }] });
    expect(res.status).toBe(201);
    const wf = await makeWorkflow(u, "Digest", CREW);
    const agent = await call(
      createAgentRoute,
      apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { model: "gpt-4o" })),
    );
    expect(agent.status).toBe(201);

    setEnv({ ANTHROPIC_API_KEY: "sk-ant-test", MODEL_PROVIDER: "local" });
    expect((await create(u, { name: "y", model: "my-model" })).status).toBe(201);
  });
});
