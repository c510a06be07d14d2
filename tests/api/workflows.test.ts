import { describe, expect, it } from "vitest";
import {
  DELETE as deleteWorkflow,
  GET as getWorkflow,
  PATCH as patchWorkflow,
} from "@/app/api/v1/workflows/[id]/route";
import { GET as getCrew, PUT as putCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { POST as restore } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { GET as listVersions } from "@/app/api/v1/workflows/[id]/versions/route";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { GET as getBilling } from "@/app/api/v1/billing/route";
import { GET as getUsage } from "@/app/api/v1/usage/route";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { finishRun } from "@/lib/runs/finish-run";
import { DEFAULT_CREW } from "@/lib/workflows/default-crew";
import { DEFAULT_MODEL, MAX_WORKFLOWS_PER_WORKSPACE } from "@/lib/workflows/schemas";
import { addMember, apiRequest, call, makeUser, type TestUser } from "../support/factory";

const agent = (role: string, extra: Record<string, string> = {}) => ({
  role,
  systemPrompt: `You are the ${role}.`,
  ...extra,
});

async function create(u: TestUser, body: unknown) {
  return call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));
}

function fields(res: { body: { error: { details?: { field: string }[] } } }) {
  return (res.body.error.details ?? []).map((d) => d.field);
}

describe("workflows", () => {
  it("creates a workflow with the default crew (planner, then writer) and version 1", async () => {
    const u = await makeUser("wf-default");
    const res = await create(u, { name: "  Blog post  " });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Blog post",
      model: { provider: "anthropic", model: DEFAULT_MODEL },
      status: "active",
      currentVersion: 1,
      description: null,
    });
    expect(res.body.crew.map((a: { role: string }) => a.role)).toEqual(["planner", "writer"]);
    expect(res.body.crew).toEqual(DEFAULT_CREW);

    const versions = await db.workflowVersion.findMany({ where: { workflowId: res.body.id } });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, source: "user", workspaceId: u.workspaceId });

    const got = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${res.body.id}`, { cookie: u.cookie }), {
      id: res.body.id,
    });
    expect(got.status).toBe(200);
    expect(got.body.crew).toEqual(DEFAULT_CREW);
  });

  it("refuses a crew of 0 or 11 agents, naming crew", async () => {
    const u = await makeUser("wf-count");
    const none = await create(u, { name: "x", crew: [] });
    expect(none.status).toBe(400);
    expect(fields(none)).toContain("crew");
    const eleven = await create(u, { name: "x", crew: Array.from({ length: 11 }, (_, i) => agent(`a${i}`)) });
    expect(eleven.status).toBe(400);
    expect(fields(eleven)).toContain("crew");
    const ten = await create(u, { name: "x", crew: Array.from({ length: 10 }, (_, i) => agent(`a${i}`)) });
    expect(ten.status).toBe(201);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
  });

  it("refuses an empty role or system prompt, naming the field, and writes nothing", async () => {
    const u = await makeUser("wf-fields");
    const role = await create(u, { name: "x", crew: [agent("ok"), { role: "   ", systemPrompt: "p" }] });
    expect(role.status).toBe(400);
    expect(fields(role)).toContain("crew.1.role");
    const prompt = await create(u, { name: "x", crew: [{ role: "r", systemPrompt: "" }] });
    expect(prompt.status).toBe(400);
    expect(fields(prompt)).toContain("crew.0.systemPrompt");
    const blank = await create(u, { name: "x", crew: [{ role: "r", systemPrompt: "  \n " }] });
    expect(fields(blank)).toContain("crew.0.systemPrompt");
    const long = await create(u, {
      name: "n".repeat(101),
      description: "d".repeat(2001),
      crew: [agent("r".repeat(61))],
    });
    expect(fields(long)).toEqual(expect.arrayContaining(["name", "description", "crew.0.role"]));
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it("updates name, description, model and status; validates the patch", async () => {
    const u = await makeUser("wf-patch");
    const wf = (await create(u, { name: "Old", description: "d" })).body;
    const patch = (body: unknown) =>
      call(patchWorkflow, apiRequest("PATCH", `/api/v1/workflows/${wf.id}`, { token: u.token }, body), { id: wf.id });
    const res = await patch({ name: "New", description: "", model: "claude-opus-4-7", status: "paused" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: "New",
      description: null,
      model: { provider: "anthropic", model: "claude-opus-4-7" },
      status: "paused",
      currentVersion: 1,
    });
    expect(fields(await patch({ status: "sleeping" }))).toContain("status");
    expect((await patch({})).status).toBe(400);
  });

  it("deletes a workflow", async () => {
    const u = await makeUser("wf-del");
    const wf = (await create(u, { name: "Gone" })).body;
    const del = await call(deleteWorkflow, apiRequest("DELETE", `/api/v1/workflows/${wf.id}`, { token: u.token }), {
      id: wf.id,
    });
    expect(del.status).toBe(204);
    const after = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${wf.id}`, { token: u.token }), {
      id: wf.id,
    });
    expect(after.status).toBe(404);
    expect(await db.workflowVersion.count({ where: { workflowId: wf.id } })).toBe(0);
  });

  it("refuses to delete a workflow while a run of it is active, and keeps its usage once deleted", async () => {
    const u = await makeUser("wf-del-active");
    const wf = (await create(u, { name: "Busy" })).body;
    const p = { id: wf.id };
    const del = () => call(deleteWorkflow, apiRequest("DELETE", `/api/v1/workflows/${wf.id}`, { token: u.token }), p);
    const run = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, { token: u.token }, { input: "go" }),
      p,
    );
    expect(run.status).toBe(202);

    const refused = await del();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", details: { activeRuns: 1 } });
    expect(await db.run.count({ where: { id: run.body.id } })).toBe(1);

    // The run ends: its steps are billed, then the delete goes through and the usage stays.
    await db.step.updateMany({
      where: { runId: run.body.id },
      data: { status: "completed", output: "done", inputTokens: 10, outputTokens: 5 },
    });
    const finished = await finishRun(scopeFor(u.workspaceId), run.body.id);
    expect(finished.usageEventId).not.toBeNull();
    const monthSteps = async () =>
      (await call(getUsage, apiRequest("GET", "/api/v1/usage", { token: u.token }))).body.totals.steps;
    expect(await monthSteps()).toBe(DEFAULT_CREW.length);

    expect((await del()).status).toBe(204);
    expect(await db.run.count({ where: { id: run.body.id } })).toBe(0);
    const usage = await db.usageEvent.findUniqueOrThrow({ where: { id: finished.usageEventId! } });
    expect(usage).toMatchObject({ runId: null, workflowId: wf.id, steps: DEFAULT_CREW.length });
    expect(await monthSteps()).toBe(DEFAULT_CREW.length);
    const billing = await call(getBilling, apiRequest("GET", "/api/v1/billing", { token: u.token }));
    expect(billing.body.usage).toMatchObject({ monthToDateSteps: DEFAULT_CREW.length, reservedSteps: 0 });
  });

  it("pages newest first with a cursor, with each workflow's last run and runs this month", async () => {
    const u = await makeUser("wf-page");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(u, { name: `wf ${i}` })).body.id);
    const run = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${ids[4]}/runs`, { token: u.token }, { input: "go" }),
      {
        id: ids[4]!,
      },
    );
    expect(run.status).toBe(202);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await call(listWorkflows, apiRequest("GET", `/api/v1/workflows${qs}`, { token: u.token }));
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((w: { id: string }) => w.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const first = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows?limit=1", { cookie: u.cookie }));
    expect(first.body.data[0]).toMatchObject({
      id: ids[4],
      runsThisMonth: 1,
      lastRun: { id: run.body.id, status: "queued" },
    });
    expect(first.body.data[0].crew).toHaveLength(2);
    const other = await call(
      listWorkflows,
      apiRequest("GET", "/api/v1/workflows?limit=2&cursor=" + first.body.nextCursor, { cookie: u.cookie }),
    );
    expect(other.body.data[0]).toMatchObject({ id: ids[3], runsThisMonth: 0, lastRun: null });

    const bad = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows?cursor=nonsense", { token: u.token }));
    expect(bad.status).toBe(400);
    expect(fields(bad)).toContain("cursor");
    const tooMany = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows?limit=1000", { token: u.token }));
    expect(fields(tooMany)).toContain("limit");
  });

  it(`enforces at most ${MAX_WORKFLOWS_PER_WORKSPACE} workflows per workspace`, async () => {
    const u = await makeUser("wf-limit");
    const rows = Array.from({ length: MAX_WORKFLOWS_PER_WORKSPACE }, (_, i) => ({
      workspaceId: u.workspaceId,
      name: `w${i}`,
      model: "m",
    }));
    await db.workflow.createMany({ data: rows });
    const res = await create(u, { name: "one too many" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("limit_reached");
    // The count is per workspace: another workspace is not affected.
    expect((await create(await makeUser("wf-limit-other"), { name: "fine" })).status).toBe(201);
  });
});

describe("crews and versions", () => {
  it("makes a new version on every crew change, keeps an identical PUT a no-op, and restores old versions", async () => {
    const u = await makeUser("crew");
    const wf = (await create(u, { name: "Versioned", crew: [agent("one")] })).body;
    const put = (crew: unknown) =>
      call(putCrew, apiRequest("PUT", `/api/v1/workflows/${wf.id}/crew`, { token: u.token }, { crew }), { id: wf.id });

    const v2 = await put([agent("one"), agent("two", { model: "claude-opus-4-7" })]);
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, created: true });
    const same = await put([agent("one"), agent("two", { model: "claude-opus-4-7" })]);
    expect(same.body).toMatchObject({ version: 2, created: false });
    const v3 = await put([agent("three")]);
    expect(v3.body.version).toBe(3);
    expect(fields(await put([]))).toContain("crew");

    const crew = await call(getCrew, apiRequest("GET", `/api/v1/workflows/${wf.id}/crew`, { token: u.token }), {
      id: wf.id,
    });
    expect(crew.body).toEqual({ workflowId: wf.id, version: 3, crew: [agent("three")], responseTone: null });

    const versions = await call(
      listVersions,
      apiRequest("GET", `/api/v1/workflows/${wf.id}/versions`, { token: u.token }),
      { id: wf.id },
    );
    expect(versions.status).toBe(200);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body.data[0].current).toBe(true);
    expect(versions.body.data[2].crew).toEqual([agent("one")]);

    const restored = await call(
      restore,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/versions/1/restore`, { token: u.token }),
      { id: wf.id, version: "1" },
    );
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ version: 4, crew: [agent("one")], restoredFrom: 1 });
    const row = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: wf.id, version: 4 } });
    expect(row.source).toBe("restore");
    const got = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${wf.id}`, { token: u.token }), {
      id: wf.id,
    });
    expect(got.body).toMatchObject({ currentVersion: 4, crew: [agent("one")] });

    const missing = await call(
      restore,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/versions/99/restore`, { token: u.token }),
      {
        id: wf.id,
        version: "99",
      },
    );
    expect(missing.status).toBe(404);
    const junk = await call(
      restore,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/versions/abc/restore`, { token: u.token }),
      {
        id: wf.id,
        version: "abc",
      },
    );
    expect(junk.status).toBe(400);
    expect(fields(junk)).toContain("version");
  });

  it("pins each run to the version it ran", async () => {
    const u = await makeUser("pin");
    const wf = (await create(u, { name: "Pinned", crew: [agent("one")] })).body;
    const run1 = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, { token: u.token }, { input: "a" }),
      { id: wf.id },
    );
    await call(
      putCrew,
      apiRequest("PUT", `/api/v1/workflows/${wf.id}/crew`, { token: u.token }, { crew: [agent("one"), agent("two")] }),
      { id: wf.id },
    );
    const run2 = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, { token: u.token }, { input: "b" }),
      { id: wf.id },
    );
    expect(run1.body).toMatchObject({ version: 1, stepCount: 1 });
    expect(run2.body).toMatchObject({ version: 2, stepCount: 2 });
    expect(run1.body.workflowVersionId).not.toBe(run2.body.workflowVersionId);
  });

  it("lets a member (and a member's session) change crews", async () => {
    const owner = await makeUser("crew-owner");
    const member = await makeUser("crew-member");
    await addMember(owner.workspaceId, member.userId, "member");
    const wf = (await create(owner, { name: "Shared" })).body;
    const res = await call(
      putCrew,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${wf.id}/crew`,
        { cookie: member.cookie, workspace: owner.slug },
        { crew: [agent("solo")] },
      ),
      { id: wf.id },
    );
    expect(res.status).toBe(200);
    const row = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: wf.id, version: 2 } });
    expect(row.createdById).toBe(member.userId);
  });
});

describe("workflow routes: access", () => {
  it("are 404 for another workspace's token and 401 without one", async () => {
    const a = await makeUser("wf-a");
    const b = await makeUser("wf-b");
    const wf = (await create(a, { name: "Private" })).body;
    const p = { id: wf.id };
    const as = (auth: { token: string } | null) => ({
      get: () => call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${wf.id}`, auth), p),
      patch: () => call(patchWorkflow, apiRequest("PATCH", `/api/v1/workflows/${wf.id}`, auth, { name: "hacked" }), p),
      del: () => call(deleteWorkflow, apiRequest("DELETE", `/api/v1/workflows/${wf.id}`, auth), p),
      crew: () => call(getCrew, apiRequest("GET", `/api/v1/workflows/${wf.id}/crew`, auth), p),
      putCrew: () =>
        call(putCrew, apiRequest("PUT", `/api/v1/workflows/${wf.id}/crew`, auth, { crew: [agent("x")] }), p),
      versions: () => call(listVersions, apiRequest("GET", `/api/v1/workflows/${wf.id}/versions`, auth), p),
      restore: () =>
        call(restore, apiRequest("POST", `/api/v1/workflows/${wf.id}/versions/1/restore`, auth), {
          ...p,
          version: "1",
        }),
      run: () => call(createRun, apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, auth, { input: "x" }), p),
    });
    for (const [name, fn] of Object.entries(as({ token: b.token }))) {
      const res = await fn();
      expect(res.status, name).toBe(404);
      expect(res.body.error.code, name).toBe("not_found");
    }
    for (const [name, fn] of Object.entries(as(null))) {
      expect((await fn()).status, name).toBe(401);
    }
    const list = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows", { token: b.token }));
    expect(list.body.data).toEqual([]);
    expect((await call(listWorkflows, apiRequest("GET", "/api/v1/workflows", null))).status).toBe(401);
    expect((await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", null, { name: "x" }))).status).toBe(401);

    const still = await db.workflow.findUniqueOrThrow({ where: { id: wf.id } });
    expect(still.name).toBe("Private");
    expect(still.currentVersion).toBe(1);
    expect(await db.run.count({ where: { workflowId: wf.id } })).toBe(0);
  });
});
