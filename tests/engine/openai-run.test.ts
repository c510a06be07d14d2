import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Driver } from "@/lib/engine/driver";
import { runChangeFeed } from "@/lib/runs/run-change-feed";
import { chatError, chatReply, startFakeOpenAI, type FakeOpenAI } from "../support/openai-server";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { encodeModelRef } from "@/lib/models/model-ref";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

let server: FakeOpenAI;
let driver: Driver;
let workspaceId: string;
let requestRun: (runId: string) => Promise<unknown>;

beforeAll(async () => {
  server = await startFakeOpenAI();
  // Set before anything reads the environment; engine modules are imported after.
  vi.stubEnv("MODEL_PROVIDER", undefined);
  vi.stubEnv("ANTHROPIC_API_KEY", undefined);
  vi.stubEnv("OPENAI_API_KEY", "sk-openai-test");
  vi.stubEnv("OPENAI_BASE_URL", server.url);
  vi.stubEnv("MODEL_RETRY_BASE_MS", "1");
  // The fake server listens on loopback: a member's baseUrl may point there only with this.
  vi.stubEnv("ALLOW_PRIVATE_MODEL_ENDPOINTS", "1");
  const { startDriver } = await import("@/lib/engine/driver");
  const { sendEvent } = await import("@/lib/engine/send-event");
  const { runCrew } = await import("@/inngest/functions/run-crew");
  workspaceId = (await makeWorkspace("pro")).id;
  driver = await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } });
  requestRun = (runId) => sendEvent({ name: "run/requested", data: { runId, workspaceId } });
});

afterAll(async () => {
  await driver.stop();
  await server.close();
  await runChangeFeed().close();
  vi.unstubAllEnvs();
});

describe("a run against an OpenAI-compatible API", () => {
  it("streams each step's text as deltas, records usage and cost, and retries a 429", async () => {
    const crew = [
      { role: "planner", systemPrompt: "Plan." },
      { role: "writer", systemPrompt: "Write." },
    ];
    const { run } = await makeRun({ workspaceId, crew, model: "gpt-4o", input: "Tea guide" });
    const deltas = new Map<string, string>();
    const unsubscribe = runChangeFeed().subscribe(workspaceId, run.id, {
      onRun: () => undefined,
      onError: () => undefined,
      onDelta: (stepId, text) => deltas.set(stepId, (deltas.get(stepId) ?? "") + text),
    });
    await vi.waitFor(() => expect(runChangeFeed().stats.connections).toBeGreaterThan(0));
    server.requests.length = 0;
    server.enqueue(
      chatReply("1. Boil water\n2. Steep for three minutes", { prompt_tokens: 40, completion_tokens: 9 }),
      chatError(429, "Rate limit reached"),
      chatReply("# Tea guide\nWarm the pot first.", { prompt_tokens: 70, completion_tokens: 5 }),
    );
    try {
      await requestRun(run.id);
      const done = await waitForRun(run.id);
      expect(done.status).toBe("completed");
      expect(server.requests.map((r) => r.body.stream)).toEqual([true, true, true]);
      expect(done.steps[0]).toMatchObject({
        output: "1. Boil water\n2. Steep for three minutes",
        inputTokens: 40,
        outputTokens: 9,
      });
      expect(done.steps[1]).toMatchObject({ output: "# Tea guide\nWarm the pot first.", attempts: 2 });
      // gpt-4o: $2.5 / $10 per million tokens.
      expect(Number(done.costUsd)).toBeCloseTo((110 * 2.5 + 14 * 10) / 1e6, 6);
      await vi.waitFor(() => {
        expect(deltas.get(done.steps[0]!.id)).toBe(done.steps[0]!.output);
        expect(deltas.get(done.steps[1]!.id)).toBe(done.steps[1]!.output);
      });
    } finally {
      unsubscribe();
    }
  });

  it("calls a gateway with the workspace's own key, named by credentialId, and records its use by the run", async () => {
    const credential = await createCredential(
      scopeFor(workspaceId),
      { type: "system", id: null },
      {
        name: "Gateway key",
        kind: "openai",
        secret: "sk-workspace-own-key-1234",
        baseUrl: server.url,
        createdById: null,
      },
    );
    const model = encodeModelRef({
      provider: "openai",
      model: "gpt-4o",
      credentialId: credential.id,
      baseUrl: server.url,
    });
    const { run } = await makeRun({ workspaceId, crew: [{ role: "writer", systemPrompt: "Write." }], model });
    server.requests.length = 0;
    server.enqueue(chatReply("Done with the workspace key.", { prompt_tokens: 10, completion_tokens: 5 }));
    await requestRun(run.id);
    const done = await waitForRun(run.id);
    expect(done.status).toBe("completed");
    // The workspace's key, not the server's OPENAI_API_KEY.
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer sk-workspace-own-key-1234"]);
    const used = await db.credential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(used.lastUsedRunId).toBe(run.id);
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("records a run's use of a credential in the audit log once, however many calls and replays use it", async () => {
    const scope = scopeFor(workspaceId);
    const credential = await createCredential(
      scope,
      { type: "system", id: null },
      { name: "Audited key", kind: "openai", secret: "sk-audited-key-5678", baseUrl: server.url, createdById: null },
    );
    const model = encodeModelRef({
      provider: "openai",
      model: "gpt-4o",
      credentialId: credential.id,
      baseUrl: server.url,
    });
    const crew = [
      { role: "planner", systemPrompt: "Plan." },
      { role: "writer", systemPrompt: "Write." },
    ];
    const uses = () =>
      db.auditEntry.findMany({
        where: { action: "credential.used", targetId: credential.id },
        orderBy: { seq: "asc" },
      });
    const { run } = await makeRun({ workspaceId, crew, model });
    server.enqueue(
      chatReply("A plan.", { prompt_tokens: 10, completion_tokens: 2 }),
      chatError(429, "Rate limit reached"),
      chatReply("The text.", { prompt_tokens: 10, completion_tokens: 2 }),
    );
    await requestRun(run.id);
    expect((await waitForRun(run.id)).status).toBe("completed");
    // Two steps and a retry: three calls with the key, one entry.
    expect(await uses()).toMatchObject([
      { actorType: "system", targetType: "credential", details: { runId: run.id, workflowId: run.workflowId } },
    ]);
    // A replayed step unlocks it again: still one entry for the run.
    const { unlockCredential } = await import("@/lib/credentials/unlock-credential");
    await unlockCredential(scope, credential.id, { runId: run.id });
    expect(await uses()).toHaveLength(1);

    const second = await makeRun({ workspaceId, crew: [{ role: "writer", systemPrompt: "Write." }], model });
    server.enqueue(chatReply("Again.", { prompt_tokens: 10, completion_tokens: 2 }));
    await requestRun(second.run.id);
    expect((await waitForRun(second.run.id)).status).toBe("completed");
    expect((await uses()).map((e) => (e.details as { runId: string }).runId)).toEqual([run.id, second.run.id]);
  });

  it("keeps the workspace's key out of the run when the gateway's error quotes it", async () => {
    const secret = "sk-quoted-by-the-gateway-4321";
    const credential = await createCredential(
      scopeFor(workspaceId),
      { type: "system", id: null },
      {
        name: "Quoted key",
        kind: "openai",
        secret,
        baseUrl: server.url,
        createdById: null,
      },
    );
    const model = encodeModelRef({ provider: "openai", model: "gpt-4o", credentialId: credential.id });
    const { run } = await makeRun({ workspaceId, crew: [{ role: "writer", systemPrompt: "Write." }], model });
    server.requests.length = 0;
    server.enqueue(chatError(401, `Incorrect API key provided: ${secret}.`));
    await requestRun(run.id);
    const done = await waitForRun(run.id);
    expect(done.status).toBe("failed");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${secret}`]);
    expect(done.error).toMatch(/Incorrect API key provided: \[credential\]/);
    const steps = await db.step.findMany({ where: { runId: run.id }, select: { error: true } });
    expect(JSON.stringify([done, steps])).not.toContain(secret);
  });

  it("sends a key only where it is bound, even in a version saved before its binding changed", async () => {
    const credential = await createCredential(
      scopeFor(workspaceId),
      { type: "system", id: null },
      {
        name: "Bound key",
        kind: "openai",
        secret: "sk-bound-elsewhere-9999",
        baseUrl: "https://gateway.example.com/v1",
        createdById: null,
      },
    );
    // Written straight into a version, as a restore of an old one or a row from before bindings would hold it.
    const model = encodeModelRef({
      provider: "openai",
      model: "gpt-4o",
      credentialId: credential.id,
      baseUrl: server.url,
    });
    const { run } = await makeRun({ workspaceId, crew: [{ role: "writer", systemPrompt: "Write." }], model });
    server.requests.length = 0;
    await requestRun(run.id);
    const done = await waitForRun(run.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/Credential "Bound key" is bound to https:\/\/gateway\.example\.com\/v1/);
    expect(server.requests).toHaveLength(0);
    const row = await db.credential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(JSON.stringify(done)).not.toContain("sk-bound-elsewhere-9999");
    expect(row.lastUsedRunId).toBe(run.id);
  });

  it("fails the step naming the credential when it is not this workspace's", async () => {
    const other = await makeWorkspace("pro");
    const foreign = await createCredential(
      scopeFor(other.id),
      { type: "system", id: null },
      {
        name: "Someone else's key",
        kind: "openai",
        secret: "sk-other-workspace-5678",
        createdById: null,
      },
    );
    const model = encodeModelRef({
      provider: "openai",
      model: "gpt-4o",
      credentialId: foreign.id,
      baseUrl: server.url,
    });
    const { run } = await makeRun({ workspaceId, crew: [{ role: "writer", systemPrompt: "Write." }], model });
    server.requests.length = 0;
    await requestRun(run.id);
    const done = await waitForRun(run.id);
    expect(done.status).toBe("failed");
    expect(done.error).toContain(foreign.id);
    expect(server.requests).toHaveLength(0);
  });
});
