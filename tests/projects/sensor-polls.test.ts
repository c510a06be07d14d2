import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { GET as hostingRoute } from "@/app/api/v1/projects/hosting/route";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { pollDueSensors } from "@/lib/events/poll-due-sensors";
import type { ProjectFiles } from "@/lib/projects/types";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { startMcpServer } from "../support/mcp-server";

/* A project's polling sensors: polled on their schedule through the guarded path, emitting when the answer changes. */

let user: TestUser;
let other: TestUser;
let server: http.Server;
let base = "";
let answer = { p95: 420, dashboard: "https://grafana.example.com/d/1" };
const seen: { url: string; auth: string | undefined }[] = [];

function project(credentialId: string): ProjectFiles {
  return {
    "registry.yml": `events:
  MetricCrossed: { fields: { metric: str, value: int, dashboard: url } }
`,
    "workflows/confirm/check.md": "---\non: MetricCrossed\n---\n\nCheck {{ event.metric }}.\n",
    "sensors/latency.yml": `# Polls the latency endpoint every five minutes.
poll:
  url: ${base}/metrics/p95
  schedule: cron("*/5 * * * *")
  credential: ${credentialId}
emits: MetricCrossed
map:
  metric: p95_ms
  value: "{{ payload.p95 }}"
  dashboard: "{{ payload.dashboard }}"
`,
  };
}

const push = (u: TestUser, files: ProjectFiles) =>
  call(importRoute, apiRequest("POST", "/api/v1/projects/import", { token: u.token }, { files }));

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS = "1";
  resetEnv();
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", auth: req.headers.authorization });
    if (req.url === "/down") {
      res.writeHead(503);
      res.end("down");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  user = await makeUser("sensor-polls");
  other = await makeUser("sensor-polls-other");
  await db.workspace.update({ where: { id: user.workspaceId }, data: { httpAllowlist: ["127.0.0.1"] } });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  delete process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS;
  resetEnv();
});

describe("a polling sensor", () => {
  let credentialId = "";
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  const poll = (now: Date) => pollDueSensors({ now, workspaceIds: [user.workspaceId] });

  it("is armed for its schedule's next slot when pushed", async () => {
    const cred = await createCredential(
      scopeFor(user.workspaceId),
      { type: "system", id: null },
      {
        name: "metrics",
        kind: "http",
        secret: "metrics-token-0123456789",
        hosts: ["127.0.0.1"],
        createdById: null,
      },
    );
    credentialId = cred.id;
    expect((await push(user, project(credentialId))).status).toBe(200);
    const sensor = await db.sensor.findFirstOrThrow({ where: { workspaceId: user.workspaceId, name: "latency" } });
    expect(sensor.nextPollAt).not.toBeNull();
    expect(sensor.nextPollAt!.getUTCMinutes() % 5).toBe(0);
    expect(sensor.nextPollAt!.getTime()).toBeGreaterThan(Date.now() - 1000);
    // Not due yet: nothing polled.
    expect(await poll(new Date())).toEqual([]);
  });

  it("polls through the guarded path with its credential; the first answer is the baseline, a changed one emits", async () => {
    const first = await poll(at(6));
    expect(first).toEqual([expect.objectContaining({ changed: false, eventId: null, error: null })]);
    // The credential went to the host it is bound to.
    expect(seen.at(-1)).toEqual({ url: "/metrics/p95", auth: "Bearer metrics-token-0123456789" });
    // The same answer: no event.
    expect(await poll(at(11))).toEqual([expect.objectContaining({ changed: false })]);
    answer = { p95: 910, dashboard: "https://grafana.example.com/d/1" };
    const changed = await poll(at(16));
    expect(changed).toEqual([expect.objectContaining({ changed: true, error: null })]);
    const event = await db.event.findUniqueOrThrow({ where: { id: changed[0]!.eventId! } });
    expect(event).toMatchObject({
      name: "MetricCrossed",
      source: "cron",
      data: { metric: "p95_ms", value: 910, dashboard: "https://grafana.example.com/d/1" },
    });
    const sensor = await db.sensor.findFirstOrThrow({ where: { workspaceId: user.workspaceId, name: "latency" } });
    expect(sensor.lastChangedAt).toEqual(sensor.lastPolledAt);
    expect(sensor.lastHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a slot is polled once, whoever sweeps", async () => {
    const now = at(21);
    const [a, b] = await Promise.all([poll(now), poll(now)]);
    expect(a.length + b.length).toBe(1);
  });

  it("the Events page's line and each poll's state, from GET /api/v1/projects/hosting", async () => {
    const res = await call(hostingRoute, apiRequest("GET", "/api/v1/projects/hosting", { token: user.token }));
    expect(res.status).toBe(200);
    expect(res.body.summary).toBe("hosting 0 sensor webhooks · 1 schedule armed");
    expect(res.body.sensors).toEqual([
      expect.objectContaining({
        name: "latency",
        kind: "poll",
        poll: {
          nextPollAt: expect.any(String),
          lastPolledAt: expect.any(String),
          lastChangedAt: expect.any(String),
          lastError: null,
        },
      }),
    ]);
    // Another workspace sees its own project only.
    const theirs = await call(hostingRoute, apiRequest("GET", "/api/v1/projects/hosting", { token: other.token }));
    expect(theirs.body).toEqual({
      webhooks: 0,
      schedules: 0,
      summary: "hosting 0 sensor webhooks · 0 schedules armed",
      sensors: [],
    });
  });

  it("a host off the workspace's allowlist, or a failing answer, is recorded on the sensor and waits for the next slot", async () => {
    await db.workspace.update({ where: { id: user.workspaceId }, data: { httpAllowlist: [] } });
    const refused = await poll(at(26));
    expect(refused[0]!.error).toMatch(/allowlist/);
    await db.workspace.update({ where: { id: user.workspaceId }, data: { httpAllowlist: ["127.0.0.1"] } });
    const files = project(credentialId);
    files["sensors/latency.yml"] = files["sensors/latency.yml"]!.replace("/metrics/p95", "/down");
    await push(user, files);
    const sensor = await db.sensor.findFirstOrThrow({ where: { workspaceId: user.workspaceId, name: "latency" } });
    // A changed sensor starts again from a new first answer.
    expect(sensor.lastHash).toBeNull();
    const down = await poll(at(31));
    expect(down[0]!.error).toBe(`${base}/down answered 503`);
    const after = await db.sensor.findFirstOrThrow({ where: { id: sensor.id } });
    expect(after.lastError).toBe(`${base}/down answered 503`);
    expect(after.nextPollAt!.getTime()).toBeGreaterThan(at(31).getTime());
  });
});

describe("a polling sensor on an MCP tool", () => {
  it("calls the registered server's tool on its schedule and emits when its answer changes", async () => {
    let state = "ok";
    const mcp = await startMcpServer({ status: () => JSON.stringify({ state, link: "https://status.example.com" }) });
    try {
      const u = await makeUser("sensor-polls-mcp");
      await db.mcpServer.create({ data: { workspaceId: u.workspaceId, name: "statuspage", url: mcp.url } });
      const res = await push(u, {
        "registry.yml": "events:\n  StatusChanged: { fields: { state: str, link: url } }\n",
        "workflows/notice/look.md": "---\non: StatusChanged\n---\n\nLook at {{ event.state }}.\n",
        "sensors/status.yml":
          'poll: { mcp: statuspage/status, schedule: cron("* * * * *") }\nemits: StatusChanged\nmap: { state: "{{ payload.state }}", link: "{{ payload.link }}" }\n',
      });
      expect(res.status).toBe(200);
      const poll = (minutes: number) =>
        pollDueSensors({ now: new Date(Date.now() + minutes * 60_000), workspaceIds: [u.workspaceId] });
      expect(await poll(2)).toEqual([expect.objectContaining({ changed: false, error: null })]);
      state = "degraded";
      const changed = await poll(4);
      expect(changed).toEqual([expect.objectContaining({ changed: true, error: null })]);
      const event = await db.event.findUniqueOrThrow({ where: { id: changed[0]!.eventId! } });
      expect(event.data).toEqual({ state: "degraded", link: "https://status.example.com" });
      expect(mcp.calls.map((c) => c.name)).toEqual(["status", "status"]);
    } finally {
      await mcp.close();
    }
  });
});
