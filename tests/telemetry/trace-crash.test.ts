import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { resetEnv } from "@/lib/env";
import { flushTraces } from "@/lib/telemetry/flush-traces";
import { stopTracing } from "@/lib/telemetry/tracer";
import { startOtlpReceiver, type OtlpReceiver } from "../support/otlp-receiver";
import { makeRun, makeWorkspace, THREE_AGENTS, waitFor, waitForRun } from "../support/runs";

let driver: Driver | undefined;
let receiver: OtlpReceiver | undefined;
afterAll(async () => {
  await driver?.stop();
  await stopTracing();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_SERVICE_NAME;
  resetEnv();
  await receiver?.close();
});

describe("a run's trace across a crash", () => {
  it("the spans a killed process sent and those of the process that resumed the run form one tree", async () => {
    receiver = await startOtlpReceiver();
    const workspaceId = (await makeWorkspace("pro")).id;
    const crew = [
      THREE_AGENTS[0]!,
      { role: "researcher", systemPrompt: "Extract the key facts. [[simulate:slow:1500]]" },
      THREE_AGENTS[2]!,
    ];
    const { run } = await makeRun({ workspaceId, crew });
    const ids = await db.run.findUniqueOrThrow({ where: { id: run.id }, select: { traceId: true, traceSpanId: true } });

    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/engine-child.ts"],
      {
        cwd: process.cwd(),
        env: {
          ...process.env,
          CALL_LOG: path.join(mkdtempSync(path.join(tmpdir(), "trace-crash-")), "calls.jsonl"),
          WORKSPACE_ID: workspaceId,
          ENGINE_LEASE_MS: "1000",
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_SERVICE_NAME: "first-process",
          OTEL_BSP_SCHEDULE_DELAY: "50",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let childErr = "";
    child.stderr.on("data", (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } });

    // Step 1's spans have reached the collector and step 2 is in its slow model call: kill the process.
    await waitFor(async () => {
      const sent = receiver!.spans.some((s) => s.traceId === ids.traceId && s.name === "invoke_agent planner");
      return sent && (await db.step.findFirst({ where: { runId: run.id, index: 1, status: "running" } }));
    }, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${childErr}`);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    process.env.OTEL_SERVICE_NAME = "second-process";
    resetEnv();
    await stopTracing();
    driver = await startDriver({
      functions: runCrew,
      workspaces: [workspaceId],
      config: { pollMs: 50, leaseMs: 1000 },
    });
    expect((await waitForRun(run.id, 30_000)).status).toBe("completed");
    const root = await waitFor(async () => {
      await flushTraces();
      return receiver!.spans.find((s) => s.spanId === ids.traceSpanId);
    });

    const spans = receiver.spans.filter((s) => s.traceId === ids.traceId);
    expect(root).toMatchObject({ traceId: ids.traceId, parentSpanId: "" });
    expect(root.resource["service.name"]).toBe("second-process");
    const agents = spans.filter((s) => s.parentSpanId === root.spanId);
    expect(agents.map((s) => [s.name, s.resource["service.name"]])).toEqual([
      ["invoke_agent planner", "first-process"],
      ["invoke_agent researcher", "second-process"],
      ["invoke_agent writer", "second-process"],
    ]);
    // Each step's model call is under its step's span, whichever process made it.
    for (const agent of agents) {
      const chats = spans.filter((s) => s.parentSpanId === agent.spanId);
      expect(chats.map((s) => s.attributes["gen_ai.operation.name"])).toEqual(["chat"]);
      expect(chats[0]!.resource["service.name"]).toBe(agent.resource["service.name"]);
    }
    // Nothing of the run's trace hangs outside the tree.
    const known = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => s !== root && !known.has(s.parentSpanId))).toEqual([]);
  }, 90_000);
});
