import { describe, expect, it } from "vitest";
import { POST as createAgent } from "@/app/api/v1/agents/route";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { PUT as replaceCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { encodeCursor } from "@/lib/http/pagination";
import { MAX_JSON_DEPTH } from "@/lib/http/text-safety";
import { db } from "@/lib/db/client";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

/** A request whose body is exactly these bytes. */
function rawRequest(method: string, path: string, u: TestUser, body: BodyInit) {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
    body,
  });
}

function expectInvalid(res: { status: number; body: { error: { code: string; details?: { field: string }[] } } }) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe("invalid_request");
  return res.body.error.details?.map((d) => d.field) ?? [];
}

async function workflow(u: TestUser): Promise<string> {
  const res = await call(
    createWorkflow,
    apiRequest(
      "POST",
      "/api/v1/workflows",
      { token: u.token },
      { name: "Safe", crew: [{ role: "w", systemPrompt: "p" }] },
    ),
  );
  expect(res.status).toBe(201);
  return res.body.id;
}

describe("text PostgreSQL cannot store is a 400 naming the field", () => {
  it("a NUL in a workflow name, a system prompt or a run input", async () => {
    const u = await makeUser("bad-nul");
    const name = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "a\u0000b" }),
    );
    expect(expectInvalid(name)).toEqual(["name"]);

    const prompt = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        {
          name: "ok",
          crew: [
            { role: "w", systemPrompt: "fine" },
            { role: "r", systemPrompt: "\u0000" },
          ],
        },
      ),
    );
    expect(expectInvalid(prompt)).toEqual(["crew.1.systemPrompt"]);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);

    const id = await workflow(u);
    const crew = await call(
      replaceCrew,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${id}/crew`,
        { token: u.token },
        { crew: [{ role: "x\u0000", systemPrompt: "p" }] },
      ),
      { id },
    );
    expect(expectInvalid(crew)).toEqual(["crew.0.role"]);

    const run = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${id}/runs`, { token: u.token }, { input: "start \u0000 here" }),
      { id },
    );
    expect(expectInvalid(run)).toEqual(["input"]);
    expect(await db.run.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it("a lone surrogate, in a value or a key, sent as a JSON escape", async () => {
    const u = await makeUser("bad-surrogate");
    const value = await call(createWorkflow, rawRequest("POST", "/api/v1/workflows", u, '{"name":"x\\ud800y"}'));
    expect(expectInvalid(value)).toEqual(["name"]);
    const low = await call(createWorkflow, rawRequest("POST", "/api/v1/workflows", u, '{"name":"\\udc00"}'));
    expect(expectInvalid(low)).toEqual(["name"]);
    // A whole pair is a real character and is kept.
    const pair = await call(
      createWorkflow,
      rawRequest("POST", "/api/v1/workflows", u, '{"name":"llama \\ud83e\\udd99"}'),
    );
    expect(pair.status).toBe(201);
    expect(pair.body.name).toBe("llama 🦙");
    const key = await call(
      createAgent,
      rawRequest("POST", "/api/v1/agents", u, '{"name":"a","schedule":{"\\ud800":1}}'),
    );
    expect(expectInvalid(key)[0]).toMatch(/^schedule\./);
  });

  it("bytes that are not UTF-8 are a 400 naming (body), not replaced", async () => {
    const u = await makeUser("bad-utf8");
    const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const res = await call(createWorkflow, rawRequest("POST", "/api/v1/workflows", u, new Uint8Array(bytes)));
    expect(expectInvalid(res)).toEqual(["(body)"]);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is a 400, however deep`, async () => {
    const u = await makeUser("bad-deep");
    const deep = `{"name":"n","crew":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const res = await call(createWorkflow, rawRequest("POST", "/api/v1/workflows", u, deep));
    expect(expectInvalid(res)[0]).toMatch(/^crew(\.0)+$/);
  });

  it("a NUL or undecodable byte in a query parameter, including ?workspace=", async () => {
    const u = await makeUser("bad-query");
    const status = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows?status=%00", { token: u.token }));
    expect(expectInvalid(status)).toEqual(["status"]);
    const cursor = await call(listRuns, apiRequest("GET", "/api/v1/runs?cursor=a%FFb", { token: u.token }));
    expect(expectInvalid(cursor)).toEqual(["cursor"]);
    const surrogate = await call(listRuns, apiRequest("GET", "/api/v1/runs?workflowId=%ED%A0%80", { token: u.token }));
    expect(expectInvalid(surrogate)).toEqual(["workflowId"]);
    const workspace = await call(
      listWorkflows,
      apiRequest("GET", "/api/v1/workflows?workspace=%00", { cookie: u.cookie }),
    );
    expect(expectInvalid(workspace)).toEqual(["workspace"]);
    const name = await call(listWorkflows, apiRequest("GET", "/api/v1/workflows?%00=1", { token: u.token }));
    expect(expectInvalid(name)).toEqual(["(query)"]);
  });

  it("a NUL in a path id is a 400 naming it; an id of the wrong shape is a 404", async () => {
    const u = await makeUser("bad-path");
    const id = await workflow(u);
    const nul = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/x`, { token: u.token }), {
      id: `${id}\u0000`,
    });
    expect(expectInvalid(nul)).toEqual(["id"]);
    const surrogate = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/x/runs`, { token: u.token }, { input: "i" }),
      {
        id: "\ud800",
      },
    );
    expect(expectInvalid(surrogate)).toEqual(["id"]);
    for (const bad of ["", " ", "../x", "a".repeat(500), "a/b", "%FF"]) {
      const res = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/x`, { token: u.token }), { id: bad });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const ok = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${id}`, { token: u.token }), { id });
    expect(ok.status).toBe(200);
  });
});

describe("cursors", () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("a cursor that decodes to nonsense is a 400 on every list", async () => {
    const u = await makeUser("bad-cursor");
    const nonsense = [
      cursorOf(["-010000-01-01T00:00:00.000Z", "cabc"]),
      cursorOf(["+275760-09-13T00:00:00.000Z", "cabc"]),
      cursorOf(["yesterday", "cabc"]),
      cursorOf(["2026-02-30T00:00:00.000Z", "cabc"]),
      cursorOf(["2026-01-01", "cabc"]),
      cursorOf(["2026-01-01T00:00:00.000Z", "x".repeat(150)]),
      cursorOf(["2026-01-01T00:00:00.000Z", "a\u0000b"]),
      cursorOf(["2026-01-01T00:00:00.000Z", "cabc", "extra"]),
      cursorOf({ createdAt: "2026-01-01T00:00:00.000Z" }),
      Buffer.from([0xff, 0xfe, 0x5b]).toString("base64url"),
    ];
    for (const cursor of nonsense) {
      for (const [route, path] of [
        [listWorkflows, "/api/v1/workflows"],
        [listRuns, "/api/v1/runs"],
      ] as const) {
        const res = await call(route, apiRequest("GET", `${path}?cursor=${cursor}`, { token: u.token }));
        expect(expectInvalid(res), `${path} ${cursor}`).toEqual(["cursor"]);
      }
    }
    const good = encodeCursor({ createdAt: new Date("2026-01-01T00:00:00Z"), id: "cabc" });
    const page = await call(listWorkflows, apiRequest("GET", `/api/v1/workflows?cursor=${good}`, { token: u.token }));
    expect(page.status).toBe(200);
  });
});
