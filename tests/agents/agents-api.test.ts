import { describe, expect, it } from "vitest";
import { POST as pause } from "@/app/api/v1/agents/[id]/pause/route";
import { GET as logs } from "@/app/api/v1/agents/[id]/logs/route";
import { POST as rollback } from "@/app/api/v1/agents/[id]/reflections/[rid]/rollback/route";
import { GET as reflections } from "@/app/api/v1/agents/[id]/reflections/route";
import { POST as resume } from "@/app/api/v1/agents/[id]/resume/route";
import { DELETE as remove, GET as getAgent, PATCH as patchAgent } from "@/app/api/v1/agents/[id]/route";
import { GET as schedule } from "@/app/api/v1/agents/[id]/schedule/route";
import { POST as start } from "@/app/api/v1/agents/[id]/start/route";
import { GET as listAgents, POST as createAgent } from "@/app/api/v1/agents/route";
import { MAX_AGENTS_PER_WORKSPACE } from "@/lib/agents/create-agent";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser } from "../support/factory";
import { agentBody, fields, makeAgent, makeWorkflow } from "./helpers";

describe("agents API", () => {
  it("creates an agent with its workflows and lists it; a manual agent has no next run", async () => {
    const u = await makeUser("ag-create");
    const wf = await makeWorkflow(u);
    const res = await call(createAgent, apiRequest("POST", "/api/v1/agents", { cookie: u.cookie }, agentBody([wf.id])));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "News Notifier",
      status: "idle",
      schedule: { type: "manual", timezone: "UTC" },
      nextRunAt: null,
      lastRunAt: null,
      workflowIds: [wf.id],
      workflows: [{ id: wf.id, name: "Digest" }],
      capabilities: ["api", "ai"],
      createdBy: "user",
    });
    const listed = await call(listAgents, apiRequest("GET", "/api/v1/agents", { token: u.token }));
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    expect(listed.body.nextCursor).toBeNull();
  });

  it("lists agents newest first a page at a time, without overlap or gaps", async () => {
    const u = await makeUser("ag-pages");
    const wf = await makeWorkflow(u);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(
        createAgent,
        apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { name: `Agent ${i}` })),
      );
      ids.unshift(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = "";
    for (let page = 0; cursor !== null && page < 5; page++) {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await call(listAgents, apiRequest("GET", `/api/v1/agents${query}`, { token: u.token }));
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(ids);
    const bad = await call(listAgents, apiRequest("GET", "/api/v1/agents?cursor=nonsense", { token: u.token }));
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(["cursor"]);
  });

  it("refuses a too-small model at creation with a 400 naming model and suitable ones", async () => {
    const u = await makeUser("ag-haiku");
    const wf = await makeWorkflow(u);
    const res = await call(
      createAgent,
      apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { model: "claude-haiku-4-5" })),
    );
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(["model"]);
    expect(res.body.error.details[0].message).toMatch(/claude-sonnet-4-6/);
    expect(await db.agent.count({ where: { workspaceId: u.workspaceId } })).toBe(0);

    const agent = await makeAgent(u, agentBody([wf.id]));
    const patched = await call(
      patchAgent,
      apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { token: u.token }, { model: "gpt-3.5-turbo" }),
      { id: agent.id },
    );
    expect(patched.status).toBe(400);
    expect(fields(patched)).toEqual(["model"]);
  });

  it("names the field of every validation error", async () => {
    const u = await makeUser("ag-valid");
    const wf = await makeWorkflow(u);
    const bad = await call(
      createAgent,
      apiRequest(
        "POST",
        "/api/v1/agents",
        { token: u.token },
        agentBody([wf.id], {
          name: "",
          goal: "g".repeat(2001),
          capabilities: ["teleport"],
          schedule: { type: "cron", expression: "0 9 * * *", timezone: "Mars/Olympus" },
        }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(["name", "goal", "capabilities.0", "schedule.timezone"]));

    const cases: [Record<string, unknown>, string][] = [
      [{ workflowIds: [] }, "workflowIds"],
      [{ workflowIds: Array.from({ length: 11 }, (_, i) => `w${i}`) }, "workflowIds"],
      [{ workflowIds: ["nope"] }, "workflowIds"],
      [{ schedule: { type: "interval", intervalMinutes: 0 } }, "schedule.intervalMinutes"],
      [{ schedule: { type: "interval", intervalMinutes: 10081 } }, "schedule.intervalMinutes"],
      [{ schedule: { type: "cron", expression: "every day" } }, "schedule.expression"],
      [{ schedule: { type: "once", datetime: "tomorrow" } }, "schedule.datetime"],
      [{ schedule: { type: "once", datetime: "2001-01-01T00:00:00Z" } }, "schedule.datetime"],
      [{ schedule: { type: "hourly" } }, "schedule.type"],
    ];
    for (const [extra, field] of cases) {
      const res = await call(
        createAgent,
        apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], extra)),
      );
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(fields(res), JSON.stringify(extra)).toContain(field);
    }
  });

  it("refuses browser, desktop and filesystem on save, saying they need a local runner", async () => {
    const u = await makeUser("ag-localcaps");
    const wf = await makeWorkflow(u);
    for (const capability of ["browser", "desktop", "filesystem"]) {
      const res = await call(
        createAgent,
        apiRequest(
          "POST",
          "/api/v1/agents",
          { token: u.token },
          agentBody([wf.id], { capabilities: ["api", capability] }),
        ),
      );
      expect(res.status, capability).toBe(400);
      const detail = res.body.error.details.find((d: { field: string }) => d.field === "capabilities.1");
      expect(detail.message).toContain("local runner");
      expect(detail.message).toContain(capability);
    }
    const agent = await makeAgent(u, agentBody([wf.id]));
    const patched = await call(
      patchAgent,
      apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { token: u.token }, { capabilities: ["desktop"] }),
      { id: agent.id },
    );
    expect(patched.status).toBe(400);
    expect(fields(patched)).toContain("capabilities.0");
  });

  it("refuses another workspace's workflow as unknown", async () => {
    const a = await makeUser("ag-wfa");
    const b = await makeUser("ag-wfb");
    const theirs = await makeWorkflow(b);
    const res = await call(
      createAgent,
      apiRequest("POST", "/api/v1/agents", { token: a.token }, agentBody([theirs.id])),
    );
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(["workflowIds"]);
  });

  it("caps the number of agents per workspace", async () => {
    const u = await makeUser("ag-cap");
    const wf = await makeWorkflow(u);
    await db.agent.createMany({
      data: Array.from({ length: MAX_AGENTS_PER_WORKSPACE }, (_, i) => ({
        workspaceId: u.workspaceId,
        name: `a${i}`,
        role: "r",
        goal: "g",
        model: "claude-sonnet-4-6",
      })),
    });
    const res = await call(createAgent, apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id])));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("limit_reached");
  });

  it("shows the next five run times in the agent's time zone", async () => {
    const u = await makeUser("ag-sched");
    const wf = await makeWorkflow(u);
    const agent = await makeAgent(
      u,
      agentBody([wf.id], { schedule: { type: "cron", expression: "0 9 * * 1-5", timezone: "America/New_York" } }),
    );
    expect(agent.nextRunAt).not.toBeNull();
    const res = await call(schedule, apiRequest("GET", `/api/v1/agents/${agent.id}/schedule`, { token: u.token }), {
      id: agent.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe("America/New_York");
    expect(res.body.runs).toHaveLength(5);
    expect(res.body.runs[0].at).toBe(agent.nextRunAt);
    for (const r of res.body.runs) expect(r.local).toMatch(/ 09:00 E[SD]T$/);
    const three = await call(
      schedule,
      apiRequest("GET", `/api/v1/agents/${agent.id}/schedule?count=3`, { token: u.token }),
      { id: agent.id },
    );
    expect(three.body.runs).toHaveLength(3);
    const tooMany = await call(
      schedule,
      apiRequest("GET", `/api/v1/agents/${agent.id}/schedule?count=500`, { token: u.token }),
      { id: agent.id },
    );
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany)).toEqual(["count"]);
  });

  it("edits, pauses (no next run), resumes (next slot from now) and deletes", async () => {
    const u = await makeUser("ag-edit");
    const wf = await makeWorkflow(u);
    const wf2 = await makeWorkflow(u, "Second");
    const agent = await makeAgent(u, agentBody([wf.id]));
    const p = { id: agent.id };
    const before = Date.now();
    const edited = await call(
      patchAgent,
      apiRequest(
        "PATCH",
        `/api/v1/agents/${agent.id}`,
        { token: u.token },
        {
          workflowIds: [wf2.id, wf.id],
          schedule: { type: "interval", intervalMinutes: 30 },
        },
      ),
      p,
    );
    expect(edited.status).toBe(200);
    expect(edited.body.workflowIds).toEqual([wf2.id, wf.id]);
    expect(edited.body.schedule).toEqual({ type: "interval", intervalMinutes: 30, timezone: "UTC" });
    const after = Date.now();
    const next = Date.parse(edited.body.nextRunAt);
    expect(next).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(next).toBeLessThanOrEqual(after + 30 * 60_000);

    const paused = await call(pause, apiRequest("POST", `/api/v1/agents/${agent.id}/pause`, { token: u.token }), p);
    expect(paused.body).toMatchObject({ status: "paused", nextRunAt: null });
    const started = await call(start, apiRequest("POST", `/api/v1/agents/${agent.id}/start`, { token: u.token }), p);
    expect(started.status).toBe(409);
    const resumed = await call(resume, apiRequest("POST", `/api/v1/agents/${agent.id}/resume`, { token: u.token }), p);
    expect(resumed.body.status).toBe("idle");
    expect(resumed.body.nextRunAt).not.toBeNull();

    const log = await call(logs, apiRequest("GET", `/api/v1/agents/${agent.id}/logs`, { token: u.token }), p);
    expect(log.body.data.map((l: { message: string }) => l.message)).toEqual(
      expect.arrayContaining(["Agent paused.", "Agent resumed (was paused)."]),
    );

    const del = await call(remove, apiRequest("DELETE", `/api/v1/agents/${agent.id}`, { token: u.token }), p);
    expect(del.status).toBe(204);
    expect(await db.agent.findUnique({ where: { id: agent.id } })).toBeNull();
    expect(await db.workflow.count({ where: { id: { in: [wf.id, wf2.id] } } })).toBe(2);
  });

  it("starts now: claims one manual tick; a second start while running is 409", async () => {
    const u = await makeUser("ag-start");
    const wf = await makeWorkflow(u);
    const agent = await makeAgent(u, agentBody([wf.id]));
    const first = await call(start, apiRequest("POST", `/api/v1/agents/${agent.id}/start`, { token: u.token }), {
      id: agent.id,
    });
    expect(first.status).toBe(202);
    expect(first.body.agent.status).toBe("running");
    const second = await call(start, apiRequest("POST", `/api/v1/agents/${agent.id}/start`, { token: u.token }), {
      id: agent.id,
    });
    expect(second.status).toBe(409);
    const ticks = await db.agentTick.findMany({ where: { agentId: agent.id } });
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.manual).toBe(true);
    const job = await db.engineJob.findFirst({ where: { eventId: `agent-tick-${ticks[0]!.id}` } });
    expect(job?.functionId).toBe("loopllama-agent-tick-free");
  });

  it("answers 404 for another workspace's agent on every route and 401 without auth", async () => {
    const owner = await makeUser("ag-own");
    const other = await makeUser("ag-other");
    const wf = await makeWorkflow(owner);
    const agent = await makeAgent(owner, agentBody([wf.id]));
    const p = { id: agent.id, rid: "r1" };
    const routes = [
      [getAgent, "GET", ""],
      [patchAgent, "PATCH", ""],
      [remove, "DELETE", ""],
      [start, "POST", "/start"],
      [pause, "POST", "/pause"],
      [resume, "POST", "/resume"],
      [reflections, "GET", "/reflections"],
      [logs, "GET", "/logs"],
      [schedule, "GET", "/schedule"],
      [rollback, "POST", "/reflections/r1/rollback"],
    ] as const;
    for (const [handler, method, suffix] of routes) {
      const path = `/api/v1/agents/${agent.id}${suffix}`;
      const body = method === "PATCH" ? { name: "x" } : undefined;
      const theirs = await call(handler, apiRequest(method, path, { token: other.token }, body), p);
      expect(theirs.status, `${method} ${suffix}`).toBe(404);
      const anon = await call(handler, apiRequest(method, path, null, body), p);
      expect(anon.status, `${method} ${suffix} anon`).toBe(401);
    }
    for (const [handler, method] of [
      [listAgents, "GET"],
      [createAgent, "POST"],
    ] as const) {
      const anon = await call(handler, apiRequest(method, "/api/v1/agents", null, method === "POST" ? {} : undefined));
      expect(anon.status).toBe(401);
    }
    const theirList = await call(listAgents, apiRequest("GET", "/api/v1/agents", { token: other.token }));
    expect(theirList.body.data).toEqual([]);
    expect((await db.agent.findUnique({ where: { id: agent.id } }))?.name).toBe("News Notifier");
  });
});
