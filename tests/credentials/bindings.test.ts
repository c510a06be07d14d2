import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as createCredential } from "@/app/api/v1/credentials/route";
import { PATCH as updateCredential } from "@/app/api/v1/credentials/[id]/route";
import { POST as createAgent } from "@/app/api/v1/agents/route";
import { POST as importProject } from "@/app/api/v1/projects/import/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { PUT as replaceGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { POST as restoreVersion } from "@/app/api/v1/workflows/[id]/versions/[version]/restore/route";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { createToken } from "@/lib/tokens/tokens";
import { agentBody } from "../agents/helpers";
import { addMember, apiRequest, call, makeUser } from "../support/factory";

const SECRET = "sk-admin-key-0123456789";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

/** A workspace whose admin saved an OpenAI key, and a member with a token of their own in it. */
async function workspaceWithKey(label: string) {
  const owner = await makeUser(`${label}-owner`);
  const member = await makeUser(`${label}-member`);
  await addMember(owner.workspaceId, member.userId, "member");
  const memberToken = (
    await createToken(
      scopeFor(owner.workspaceId),
      { type: "system", id: null },
      { name: "member", createdById: member.userId },
    )
  ).token;
  const key = await call(
    createCredential,
    apiRequest(
      "POST",
      "/api/v1/credentials",
      { cookie: owner.cookie },
      { name: "Admin key", kind: "openai", secret: SECRET },
    ),
  );
  expect(key.status).toBe(201);
  return { owner, member, memberToken, keyId: key.body.id as string };
}

const fields = (res: { body: { error?: { details?: { field: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.field);

const attacker = "https://attacker.example/v1";

describe("credential bindings", () => {
  it("a member cannot send an admin's key to a host of their choosing, by any field that names a model", async () => {
    const { owner, memberToken, keyId } = await workspaceWithKey("bind-member");
    const auth = { token: memberToken };
    const leaky = { provider: "openai", model: "gpt-4o", credentialId: keyId, baseUrl: attacker };

    const asDefault = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, { name: "Leak", model: leaky }),
    );
    expect(asDefault.status).toBe(400);
    expect(fields(asDefault)).toEqual(["model.baseUrl"]);
    expect(asDefault.body.error.message).toMatch(
      /may only be sent to openai's own API, not to https:\/\/attacker\.example\/v1/,
    );

    const inCrew = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Leak crew",
        crew: [{ role: "writer", systemPrompt: "Write.", model: leaky }],
      }),
    );
    expect(fields(inCrew)).toEqual(["crew.0.model.baseUrl"]);

    const inGraph = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Leak graph",
        graph: {
          start: "writer",
          nodes: [{ id: "writer", role: "writer", systemPrompt: "A.", model: leaky }],
          edges: [{ from: "writer", to: "END" }],
        },
      }),
    );
    expect(fields(inGraph)).toEqual(["graph.nodes.0.model.baseUrl"]);

    const workflow = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", auth, { name: "Plain" }));
    const agent = await call(
      createAgent,
      apiRequest("POST", "/api/v1/agents", auth, agentBody([workflow.body.id], { model: leaky })),
    );
    expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
    expect(agent.status, JSON.stringify(agent.body)).toBe(400);
    expect(fields(agent)).toContain("model.baseUrl");

    // A project file can spell a model as its stored JSON: import checks the binding the same way.
    const model = JSON.stringify(leaky).replace(/'/g, "''");
    const pushed = await call(
      importProject,
      apiRequest("POST", "/api/v1/projects/import", auth, {
        files: {
          "registry.yml": "defaults:\n  agent:\n    model: claude-sonnet-4-6\n",
          "workflows/leak/step.md": `---\nmodel: '${model}'\n---\nSay hi.\n`,
        },
      }),
    );
    expect(pushed.status).toBe(400);
    expect(JSON.stringify(pushed.body)).toMatch(/may only be sent to openai's own API/);

    // So does a workflow's own model in registry.yml, which every step without a model of its own uses.
    const asWorkflowModel = await call(
      importProject,
      apiRequest("POST", "/api/v1/projects/import", auth, {
        files: {
          "registry.yml": `workflows:\n  leak:\n    model: '${model}'\n`,
          "workflows/leak/step.md": `---\n---\nSay hi.\n`,
        },
      }),
    );
    expect(asWorkflowModel.status, JSON.stringify(asWorkflowModel.body)).toBe(400);
    expect(JSON.stringify(asWorkflowModel.body)).toMatch(/may only be sent to openai's own API/);

    expect(await db.workflow.count({ where: { workspaceId: owner.workspaceId, name: { startsWith: "Leak" } } })).toBe(
      0,
    );
    expect(await db.agent.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
  });

  it("only admins bind; a member uses a key as bound, and a key of another provider's kind is refused", async () => {
    vi.stubEnv("ALLOW_PRIVATE_MODEL_ENDPOINTS", "0");
    resetEnv();
    const { owner, member, memberToken, keyId } = await workspaceWithKey("bind-admin");
    const asMember = await call(
      updateCredential,
      apiRequest(
        "PATCH",
        `/api/v1/credentials/${keyId}`,
        { cookie: member.cookie, workspace: owner.slug },
        { baseUrl: attacker },
      ),
      { id: keyId },
    );
    expect(asMember.status).toBe(403);
    const byToken = await call(
      updateCredential,
      apiRequest("PATCH", `/api/v1/credentials/${keyId}`, { token: memberToken }, { baseUrl: attacker }),
      { id: keyId },
    );
    expect(byToken.status).toBe(403);

    const gateway = "https://Gateway.Example.com/v1/";
    const bound = await call(
      updateCredential,
      apiRequest("PATCH", `/api/v1/credentials/${keyId}`, { cookie: owner.cookie }, { baseUrl: gateway }),
      { id: keyId },
    );
    expect(bound.status).toBe(200);
    expect(bound.body.baseUrl).toBe("https://gateway.example.com/v1");

    const auth = { token: memberToken };
    const same = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Through the gateway",
        model: { provider: "openai", model: "gpt-4o", credentialId: keyId, baseUrl: "https://gateway.example.com/v1" },
      }),
    );
    expect(same.status).toBe(201);
    const implied = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Bound endpoint implied",
        model: { provider: "openai", model: "gpt-4o", credentialId: keyId },
      }),
    );
    expect(implied.status).toBe(201);
    const elsewhere = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Elsewhere",
        model: { provider: "openai", model: "gpt-4o", credentialId: keyId, baseUrl: attacker },
      }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details[0]).toEqual({
      field: "model.baseUrl",
      message: 'Credential "Admin key" is bound to https://gateway.example.com/v1, not https://attacker.example/v1',
    });
    const otherKind = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", auth, {
        name: "Ollama with an OpenAI key",
        model: { provider: "ollama", model: "llama3:8b", credentialId: keyId },
      }),
    );
    expect(fields(otherKind)).toEqual(["model.credentialId"]);
  });

  it("validates bindings by kind, naming the field", async () => {
    const u = await makeUser("bind-validate");
    const post = (body: object) =>
      call(createCredential, apiRequest("POST", "/api/v1/credentials", { cookie: u.cookie }, body));
    const noHosts = await post({ name: "t", kind: "http", secret: "tok-123456789012" });
    expect(noHosts.status).toBe(400);
    expect(fields(noHosts)).toEqual(["hosts"]);
    const hostsOnKey = await post({ name: "k", kind: "openai", secret: "sk-123456789012", hosts: ["api.openai.com"] });
    expect(fields(hostsOnKey)).toEqual(["hosts"]);
    const urlOnAnthropic = await post({ name: "a", kind: "anthropic", secret: "sk-ant-1234567890", baseUrl: attacker });
    expect(fields(urlOnAnthropic)).toEqual(["baseUrl"]);
    const badHost = await post({ name: "h", kind: "http", secret: "tok-123456789012", hosts: ["https://x.example/"] });
    expect(fields(badHost)).toEqual(["hosts.0"]);
    const badUrl = await post({ name: "u", kind: "ollama", secret: "ollama-123456789", baseUrl: "ftp://x.example" });
    expect(fields(badUrl)).toEqual(["baseUrl"]);
    const ok = await post({
      name: "ok",
      kind: "http",
      secret: "tok-123456789012",
      hosts: ["API.Example.com", "*.example.org"],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.hosts).toEqual(["api.example.com", "*.example.org"]);
    const rebindWrongKind = await call(
      updateCredential,
      apiRequest("PATCH", `/api/v1/credentials/${ok.body.id}`, { cookie: u.cookie }, { baseUrl: attacker }),
      { id: ok.body.id },
    );
    expect(rebindWrongKind.status).toBe(400);
    expect(fields(rebindWrongKind)).toEqual(["baseUrl"]);
    const other = await makeUser("bind-validate-other");
    const theirs = await call(
      updateCredential,
      apiRequest("PATCH", `/api/v1/credentials/${ok.body.id}`, { cookie: other.cookie }, { hosts: ["evil.example"] }),
      { id: ok.body.id },
    );
    expect(theirs.status).toBe(404);
  });

  it("a restore cannot bring back a version that sends a key where it is no longer bound", async () => {
    const { owner, keyId } = await workspaceWithKey("bind-restore");
    const admin = { cookie: owner.cookie };
    const first = "https://one.example.com/v1";
    await call(updateCredential, apiRequest("PATCH", `/api/v1/credentials/${keyId}`, admin, { baseUrl: first }), {
      id: keyId,
    });
    const graph = (baseUrl: string) => ({
      start: "writer",
      nodes: [
        {
          id: "writer",
          role: "writer",
          systemPrompt: "A.",
          model: { provider: "openai", model: "gpt-4o", credentialId: keyId, baseUrl },
        },
      ],
      edges: [{ from: "writer", to: "END" }],
    });
    const made = await call(
      createWorkflow,
      apiRequest("POST", "/api/v1/workflows", { token: owner.token }, { name: "Restore", graph: graph(first) }),
    );
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const second = "https://two.example.com/v1";
    await call(updateCredential, apiRequest("PATCH", `/api/v1/credentials/${keyId}`, admin, { baseUrl: second }), {
      id: keyId,
    });
    const v2 = await call(
      replaceGraph,
      apiRequest("PUT", `/api/v1/workflows/${id}/graph`, { token: owner.token }, { graph: graph(second) }),
      { id },
    );
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    const restored = await call(
      restoreVersion,
      apiRequest("POST", `/api/v1/workflows/${id}/versions/1/restore`, { token: owner.token }),
      { id, version: "1" },
    );
    expect(restored.status).toBe(400);
    expect(fields(restored)).toEqual(["graph.nodes.0.model.baseUrl"]);
    const row = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(row.currentVersion).toBe(2);
  });
});
