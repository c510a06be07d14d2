import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import { makeRun, makeWorkspace, THREE_AGENTS, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
  delete process.env.INNGEST_SIGNING_KEY;
  resetEnv();
});

const postTo = (post: (req: never, ctx: never) => Promise<Response>, body: string) =>
  post(
    new Request("http://localhost:3000/api/inngest?fnId=loopllama-sweep-runs&stepId=step", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    }) as never,
    undefined as never,
  );

describe("the serve endpoint without an Inngest server or a signing key", () => {
  it("is not reachable over HTTP (the in-process driver calls the handler directly)", async () => {
    const { POST } = await import("@/app/api/inngest/route");
    const res = await postTo(POST, JSON.stringify({ event: { name: "engine/started", data: {} }, steps: {} }));
    expect(res.status).toBe(404);
  });
});

describe("the serve endpoint with INNGEST_SIGNING_KEY set", () => {
  it("refuses unsigned and wrongly signed calls, and runs a crew for the driver, which signs its calls", async () => {
    // A fresh module graph, so the Inngest client is built with the key (cloud mode).
    const key = `signkey-test-${randomBytes(32).toString("hex")}`;
    process.env.INNGEST_SIGNING_KEY = key;
    vi.resetModules();
    const { functions } = await import("@/inngest");
    const { runCrew } = await import("@/inngest/functions/run-crew");
    const { serveFunctions } = await import("@/inngest/serve");
    const { signatureHeader } = await import("@/lib/engine/signing");
    const { startDriver } = await import("@/lib/engine/driver");
    const { sendEvent } = await import("@/lib/engine/send-event");
    const { runRequestedEvent } = await import("@/lib/runs/create-run");

    const { POST, PUT } = serveFunctions(functions);
    const url = "http://localhost:3000/api/inngest?fnId=loopllama-sweep-runs&stepId=step";
    const body = JSON.stringify({
      event: { name: "engine/started", data: {} },
      steps: {},
      ctx: { run_id: "r" },
      version: 2,
    });
    const post = (headers: Record<string, string>) =>
      POST(
        new Request(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...headers },
          body,
        }) as never,
        undefined,
      );

    expect((await post({})).status).toBe(401);
    expect((await post({ "X-Inngest-Signature": signatureHeader(body, "signkey-test-00ff") })).status).toBe(401);
    const sync = await PUT(
      new Request("http://localhost:3000/api/inngest", {
        method: "PUT",
        headers: { "Content-Type": "application/json", "X-Inngest-Sync-Kind": "in_band" },
        body: JSON.stringify({ url: "http://localhost:3000/api/inngest" }),
      }) as never,
      undefined,
    );
    expect(sync.status).toBe(401);
    // The app's route itself: reachable now, and refusing the unsigned call.
    const route = await import("@/app/api/inngest/route");
    expect((await postTo(route.POST, body)).status).toBe(401);

    const workspaceId = (await makeWorkspace("pro")).id;
    const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    driver = await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } });
    await sendEvent(runRequestedEvent(run.id, workspaceId, "pro", workspaceId));
    const done = await waitForRun(run.id);
    expect(done.status).toBe("completed");
  });
});

describe("the serve endpoint in production with INNGEST_DEV", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    delete process.env.INNGEST_SIGNING_KEY;
    resetEnv();
  });

  it("refuses calls over HTTP (the SDK would skip signature checks) and says so once at start", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INNGEST_DEV", "1");
    delete process.env.INNGEST_SIGNING_KEY;
    resetEnv();
    vi.resetModules();
    const { inngest } = await import("@/inngest/client");
    expect(inngest.mode).toBe("dev");
    const { serveEndpointWarning } = await import("@/lib/engine/serve-endpoint-open");
    expect(serveEndpointWarning(inngest)).toMatch(/INNGEST_DEV is set in production.*404/);
    const route = await import("@/app/api/inngest/route");
    const body = JSON.stringify({ event: { name: "engine/started", data: {} }, steps: {} });
    expect((await postTo(route.POST, body)).status).toBe(404);
    const get = await route.GET(new Request("http://localhost:3000/api/inngest") as never, undefined as never);
    expect(get.status).toBe(404);

    // A signing key does not help while INNGEST_DEV keeps the SDK in dev mode.
    process.env.INNGEST_SIGNING_KEY = `signkey-prod-${randomBytes(32).toString("hex")}`;
    resetEnv();
    vi.resetModules();
    const again = await import("@/app/api/inngest/route");
    expect((await postTo(again.POST, body)).status).toBe(404);

    // Outside production the Dev Server is what INNGEST_DEV is for: the endpoint answers it.
    vi.stubEnv("NODE_ENV", "development");
    delete process.env.INNGEST_SIGNING_KEY;
    resetEnv();
    vi.resetModules();
    const dev = await import("@/lib/engine/serve-endpoint-open");
    const devClient = (await import("@/inngest/client")).inngest;
    expect(dev.serveEndpointOpen(devClient)).toBe(true);
    expect(dev.serveEndpointWarning(devClient)).toBeNull();
  });
});
