import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createCredential } from "@/app/api/v1/credentials/route";
import { DELETE as removeServer } from "@/app/api/v1/mcp-servers/[id]/route";
import { GET as listServers, POST as createServer } from "@/app/api/v1/mcp-servers/route";
import { PUT as putCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { callMcpTool } from "@/lib/mcp/call-mcp-tool";
import { listMcpTools } from "@/lib/mcp/list-mcp-tools";
import { addMember, apiRequest, call, makeUser } from "../support/factory";
import { startMcpServer, type TestMcpServer } from "../support/mcp-server";

let mcp: TestMcpServer;
beforeAll(async () => {
  mcp = await startMcpServer({ token: "mcp_token_123456" });
});
afterAll(() => mcp.close());

const limits = { timeoutMs: 5_000, allowPrivate: true };

describe("MCP servers", () => {
  it("admins register, list and delete servers; members cannot; another workspace gets 404", async () => {
    const owner = await makeUser("mcp-owner");
    const member = await makeUser("mcp-member");
    const other = await makeUser("mcp-other");
    await addMember(owner.workspaceId, member.userId, "member");
    const cred = await call(
      createCredential,
      apiRequest(
        "POST",
        "/api/v1/credentials",
        { cookie: owner.cookie },
        { name: "mcp", kind: "mcp", secret: "mcp_token_123456", hosts: [new URL(mcp.url).hostname] },
      ),
    );
    expect(cred.status).toBe(201);
    // A token bound to other hosts cannot be given to this server.
    const elsewhere = await call(
      createCredential,
      apiRequest(
        "POST",
        "/api/v1/credentials",
        { cookie: owner.cookie },
        { name: "other", kind: "mcp", secret: "mcp_token_elsewhere", hosts: ["mcp.example.com"] },
      ),
    );
    const unbound = await call(
      createServer,
      apiRequest(
        "POST",
        "/api/v1/mcp-servers",
        { cookie: owner.cookie },
        { name: "leak", url: mcp.url, credentialId: elsewhere.body.id },
      ),
    );
    expect(unbound.status).toBe(400);
    expect(unbound.body.error.details).toEqual([
      { field: "credentialId", message: expect.stringMatching(/may only be sent to mcp\.example\.com/) },
    ]);
    const created = await call(
      createServer,
      apiRequest(
        "POST",
        "/api/v1/mcp-servers",
        { cookie: owner.cookie },
        { name: "calc", url: mcp.url, credentialId: cred.body.id },
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "calc", url: mcp.url, credentialId: cred.body.id });
    expect(JSON.stringify(created.body)).not.toContain("mcp_token_123456");

    const dup = await call(
      createServer,
      apiRequest("POST", "/api/v1/mcp-servers", { cookie: owner.cookie }, { name: "calc", url: mcp.url }),
    );
    expect(dup.status).toBe(409);
    const badCred = await call(
      createServer,
      apiRequest(
        "POST",
        "/api/v1/mcp-servers",
        { cookie: owner.cookie },
        { name: "x", url: mcp.url, credentialId: "nope" },
      ),
    );
    expect(badCred.status).toBe(400);
    expect(badCred.body.error.details[0].field).toBe("credentialId");
    const badUrl = await call(
      createServer,
      apiRequest("POST", "/api/v1/mcp-servers", { cookie: owner.cookie }, { name: "y", url: "ftp://x" }),
    );
    expect(badUrl.status).toBe(400);

    const denied = await call(
      listServers,
      apiRequest("GET", "/api/v1/mcp-servers", { cookie: member.cookie, workspace: owner.slug }),
    );
    expect(denied.status).toBe(403);
    const listed = await call(listServers, apiRequest("GET", "/api/v1/mcp-servers", { cookie: owner.cookie }));
    expect(listed.body.data.map((s: { name: string }) => s.name)).toEqual(["calc"]);

    const theirs = await call(
      removeServer,
      apiRequest("DELETE", `/api/v1/mcp-servers/${created.body.id}`, { cookie: other.cookie }),
      { id: created.body.id },
    );
    expect(theirs.status).toBe(404);
    const removed = await call(
      removeServer,
      apiRequest("DELETE", `/api/v1/mcp-servers/${created.body.id}`, { cookie: owner.cookie }),
      { id: created.body.id },
    );
    expect(removed.status).toBe(200);
    const after = await call(listServers, apiRequest("GET", "/api/v1/mcp-servers", { cookie: owner.cookie }));
    expect(after.body.data).toEqual([]);
  });

  it("lists and calls the server's tools through the SDK with the bearer credential", async () => {
    const endpoint = { name: "calc", url: mcp.url, token: "mcp_token_123456" };
    const tools = await listMcpTools(endpoint, limits);
    expect(tools.map((t) => t.name).sort()).toEqual(["calc__add", "calc__echo"]);
    expect(tools.find((t) => t.name === "calc__add")?.inputSchema).toMatchObject({
      type: "object",
      properties: { a: { type: "number" }, b: { type: "number" } },
    });
    expect(await callMcpTool(endpoint, "add", { a: 2, b: 40 }, limits)).toBe("42");
    expect(mcp.calls.at(-1)).toEqual({ name: "add", args: { a: 2, b: 40 }, authorization: "Bearer mcp_token_123456" });
    // A server that answers with the token it was sent: the result keeps it out.
    expect(await callMcpTool(endpoint, "echo", { text: "I got Bearer mcp_token_123456" }, limits)).toBe(
      "I got Bearer [credential]",
    );
    await expect(listMcpTools({ ...endpoint, token: "wrong" }, limits)).rejects.toThrow(/MCP server calc/);
    // Without the operator's permission, a server on a loopback address is refused, and a token never goes over http.
    const { token: _token, ...anonymous } = endpoint;
    await expect(listMcpTools(anonymous, { ...limits, allowPrivate: false })).rejects.toThrow(/loopback/);
    await expect(listMcpTools(endpoint, { ...limits, allowPrivate: false })).rejects.toThrow(/only sent over https/);
  });

  it("checks the tools crew agents list against the workspace when saved", async () => {
    const u = await makeUser("mcp-tools");
    const other = await makeUser("mcp-tools-o");
    const theirs = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: other.token }, { name: "Theirs" }),
    );
    const helper = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "Helper" }),
    );
    const crew = (tools: string[]) => [{ role: "researcher", systemPrompt: "Find things.", tools }];
    const cases: [string[], string][] = [
      [["mcp:github"], "crew.0.tools.0"],
      [["http_request", `workflow:${theirs.body.id}`], "crew.0.tools.1"],
      [["shell"], "crew.0.tools.0"],
    ];
    for (const [tools, field] of cases) {
      const res = await call(
        createWorkflow,
        apiRequest("POST", "/api/v1/workflows", { token: u.token }, { name: "W", crew: crew(tools) }),
      );
      expect(res.status, tools.join()).toBe(400);
      expect(
        res.body.error.details.map((d: { field: string }) => d.field),
        tools.join(),
      ).toContain(field);
    }
    await call(
      createServer,
      apiRequest("POST", "/api/v1/mcp-servers", { cookie: u.cookie }, { name: "github", url: mcp.url }),
    );
    const ok = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        { name: "W", crew: crew(["http_request", "mcp:github", `workflow:${helper.body.id}`]) },
      ),
    );
    expect(ok.status).toBe(201);
    const self = await call(
      putCrew,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${ok.body.id}/crew`,
        { token: u.token },
        { crew: crew([`workflow:${ok.body.id}`]) },
      ),
      { id: ok.body.id },
    );
    expect(self.status).toBe(400);
    expect(self.body.error.details[0].field).toBe("crew.0.tools.0");
    const typed = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        {
          name: "G",
          chain: [
            { id: "look", role: "look", systemPrompt: "Look.", tools: ["http_request"] },
            { id: "sum", role: "sum", systemPrompt: "Sum.", tools: ["http_request"], output: { total: "int" } },
          ],
        },
      ),
    );
    const noCred = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        { name: "C", crew: [{ role: "r", systemPrompt: "s", tools: ["http_request"], credentials: ["nope"] }] },
      ),
    );
    expect(noCred.status).toBe(400);
    expect(noCred.body.error.details[0].field).toBe("crew.0.credentials.0");
    // A node with typed output may call tools: it answers in its fields once it stops calling them.
    expect(typed.status).toBe(201);
  });
});
