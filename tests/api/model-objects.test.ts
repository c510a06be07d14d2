import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getAgent, PATCH as patchAgent } from "@/app/api/v1/agents/[id]/route";
import { POST as createAgent } from "@/app/api/v1/agents/route";
import { GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { publishStepDelta } from "@/lib/runs/publish-step-delta";
import { runChangeFeed } from "@/lib/runs/run-change-feed";
import { agentBody, fields, makeWorkflow } from "../agents/helpers";
import { apiRequest, call, makeUser } from "../support/factory";

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnv();
}
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

describe("the model object", () => {
  it("creates an agent with seed 003's model object (201) and shows the object back", async () => {
    const u = await makeUser("mo-agent");
    const wf = await makeWorkflow(u);
    const model = { provider: "anthropic", model: "claude-sonnet-4-6" };
    const res = await call(
      createAgent,
      apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { model })),
    );
    expect(res.status).toBe(201);
    expect(res.body.model).toEqual(model);
    const got = await call(getAgent, apiRequest("GET", `/api/v1/agents/${res.body.id}`, { token: u.token }), {
      id: res.body.id,
    });
    expect(got.body.model).toEqual(model);
    // The shorthand still works and reads as the object.
    const patched = await call(
      patchAgent,
      apiRequest("PATCH", `/api/v1/agents/${res.body.id}`, { token: u.token }, { model: "claude-opus-4-7" }),
      { id: res.body.id },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.model).toEqual({ provider: "anthropic", model: "claude-opus-4-7" });
  });

  it("keeps a gateway's baseUrl and credential on a workflow and its crew, and reads old string rows as objects", async () => {
    withEnv({ ALLOW_PRIVATE_MODEL_ENDPOINTS: "1" });
    const u = await makeUser("mo-workflow");
    const key = await createCredential(
      scopeFor(u.workspaceId),
      { type: "system", id: null },
      {
        name: "Gateway key",
        kind: "openai",
        secret: "sk-gateway-abcdef",
        baseUrl: "https://gateway.example.com/v1",
        createdById: u.userId,
      },
    );
    const gateway = {
      provider: "openai",
      model: "gpt-4o-mini",
      baseUrl: "https://gateway.example.com/v1",
      credentialId: key.id,
    };
    const res = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        {
          name: "Mixed",
          model: { provider: "ollama", model: "llama3:8b" },
          crew: [{ role: "writer", systemPrompt: "Write.", model: gateway }],
        },
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body.model).toEqual({ provider: "ollama", model: "llama3:8b" });
    expect(res.body.crew[0].model).toEqual(gateway);
    expect(res.body.graph.nodes[0].model).toEqual(gateway);
    // A row written before models were objects holds the id as a string.
    await db.workflow.update({ where: { id: res.body.id }, data: { model: "gpt-4o" } });
    const got = await call(getWorkflow, apiRequest("GET", `/api/v1/workflows/${res.body.id}`, { token: u.token }), {
      id: res.body.id,
    });
    expect(got.body.model).toEqual({ provider: "openai", model: "gpt-4o" });
  });

  it("refuses claude-code, too-small models of every provider, and private endpoints when saved", async () => {
    withEnv({ ALLOW_PRIVATE_MODEL_ENDPOINTS: "0" });
    const u = await makeUser("mo-refuse");
    const wf = await makeWorkflow(u);
    const agent = (model: unknown) =>
      call(createAgent, apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { model })));
    const cli = await agent({ provider: "claude-code", model: "sonnet" });
    expect(cli.status).toBe(400);
    expect(fields(cli)).toEqual(["model"]);
    expect(cli.body.error.message).toMatch(/local CLI/);
    for (const model of [
      { provider: "openai", model: "gpt-3.5-turbo" },
      { provider: "ollama", model: "phi" },
      { provider: "ollama", model: "gemma:2b" },
      { provider: "anthropic", model: "claude-3-haiku-20240307" },
    ]) {
      const res = await agent(model);
      expect(res.status, model.model).toBe(400);
      expect(res.body.error.message).toMatch(/too small to reflect/);
      if (model.provider === "openai") expect(res.body.error.message).toContain("gpt-4o");
      if (model.provider === "ollama") expect(res.body.error.message).toContain("llama3");
    }
    for (const baseUrl of [
      "http://127.0.0.1:8000/v1",
      "http://localhost:11434/v1",
      "http://10.0.0.5/v1",
      "http://[::1]/v1",
    ]) {
      const res = await call(
        createWorkflow,
        apiRequest(
          "POST",
          "/api/v1/workflows",
          { token: u.token },
          { name: "Private", model: { provider: "ollama", model: "llama3:8b", baseUrl } },
        ),
      );
      expect(res.status, baseUrl).toBe(400);
      expect(res.body.error.message).toMatch(/private or loopback.*ALLOW_PRIVATE_MODEL_ENDPOINTS=1/);
    }
  });
});

describe("step deltas across processes", () => {
  it("reach the run's listeners through NOTIFY, split into pieces that fit a payload", async () => {
    const runId = `run_delta_${Date.now()}`;
    const got: { stepId: string; text: string }[] = [];
    let resolve = () => {};
    const done = new Promise<void>((r) => (resolve = r));
    const long = "é".repeat(5_000); // 10 000 bytes: more than one payload
    const unsubscribe = runChangeFeed().subscribe("ws_delta", runId, {
      onRun: () => undefined,
      onError: () => undefined,
      onDelta: (stepId, text) => {
        got.push({ stepId, text });
        if (got.map((g) => g.text).join("") === `Hello ${long}`) resolve();
      },
    });
    try {
      // Wait for the feed to listen, then publish as another process would.
      await vi.waitFor(() => expect(runChangeFeed().stats.connections).toBeGreaterThan(0));
      await publishStepDelta(runId, "step_1", "Hello ");
      await publishStepDelta("some_other_run", "step_9", "not this run");
      await publishStepDelta(runId, "step_1", long);
      await done;
      expect(got.length).toBe(3);
      expect(new Set(got.map((g) => g.stepId))).toEqual(new Set(["step_1"]));
    } finally {
      unsubscribe();
    }
  });
});

describe("models that name a credential", () => {
  it("are saved only when the credential is this workspace's model key, naming the field otherwise", async () => {
    const u = await makeUser("mo-cred");
    const other = await makeUser("mo-cred-other");
    const own = await createCredential(
      scopeFor(u.workspaceId),
      { type: "system", id: null },
      {
        name: "OpenAI key",
        kind: "openai",
        secret: "sk-own-key-abcdef",
        createdById: u.userId,
      },
    );
    const http = await createCredential(
      scopeFor(u.workspaceId),
      { type: "system", id: null },
      {
        name: "Webhook token",
        kind: "http",
        secret: "tok-http-abcdef",
        hosts: ["hooks.example.com"],
        createdById: u.userId,
      },
    );
    const foreign = await createCredential(
      scopeFor(other.workspaceId),
      { type: "system", id: null },
      {
        name: "Their key",
        kind: "openai",
        secret: "sk-their-key-abcdef",
        createdById: other.userId,
      },
    );
    const ref = (credentialId: string) => ({ provider: "openai", model: "gpt-4o", credentialId });
    const create = (body: unknown) =>
      call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, body));

    const ok = await create({ name: "Own key", model: ref(own.id) });
    expect(ok.status).toBe(201);
    expect(ok.body.model).toEqual(ref(own.id));

    for (const id of [foreign.id, "no-such-credential", http.id]) {
      const refused = await create({ name: "Bad key", model: ref(id) });
      expect(refused.status).toBe(400);
      expect(fields(refused)).toEqual(["model.credentialId"]);
    }
    const inCrew = await create({
      name: "Crew",
      crew: [{ role: "writer", systemPrompt: "Write.", model: ref(foreign.id) }],
    });
    expect(inCrew.status).toBe(400);
    expect(fields(inCrew)).toEqual(["crew.0.model.credentialId"]);

    const wf = await makeWorkflow(u);
    const agent = await call(
      createAgent,
      apiRequest("POST", "/api/v1/agents", { token: u.token }, agentBody([wf.id], { model: ref(foreign.id) })),
    );
    expect(agent.status).toBe(400);
    expect(fields(agent)).toEqual(["model.credentialId"]);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId, name: "Bad key" } })).toBe(0);
  });
});

describe("a model's baseUrl", () => {
  it("that is not a URL is a 400 naming it, never a 500", async () => {
    const u = await makeUser("mo-badurl");
    for (const baseUrl of ["not a url", "\u0000", "http://", "ftp://example.com/v1"]) {
      const res = await call(
        createWorkflow,
        apiRequest(
          "POST",
          "/api/v1/workflows",
          { token: u.token },
          { name: "Bad URL", model: { provider: "openai", model: "gpt-4o", baseUrl } },
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(fields(res)).toContain("model.baseUrl");
    }
  });
});
