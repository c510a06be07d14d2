import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { scopeFor, type Scope } from "@/lib/db/tenant";
import { AppError } from "@/lib/http/errors";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import { callMcpTool } from "@/lib/mcp/call-mcp-tool";
import { ToolError } from "@/lib/tools/errors";
import { httpRequest } from "@/lib/tools/http-request";
import { mcpEndpoint, toolLimits } from "@/lib/tools/tool-config";
import { nextSlotAfter } from "@/lib/workflows/triggers/next-trigger-at";
import { emitEvent } from "./emit-event";
import type { EventFields } from "./field-types";
import { mapPayload } from "./receive-sensor-webhook";

/** A poll sensor as a project import stores it (Sensor.definition). */
interface PollSensor {
  emits: string;
  map: Record<string, string>;
  url: string | null;
  mcp: string | null;
  schedule: string;
  credential: string | null;
}

export interface SensorPoll {
  sensorId: string;
  workspaceId: string;
  /** The answer differed from the last one: its event was emitted (its id), or could not be (error). */
  changed: boolean;
  eventId: string | null;
  error: string | null;
}

const BATCH = 100;

/** The next slot of a sensor's schedule after `from` (UTC, as a project's cron is written). */
export function nextPollAfter(schedule: string, from: Date): Date | null {
  return nextSlotAfter({ cron: schedule, timezone: "UTC" }, from);
}

/**
 * What a poll sensor's source answers now: its URL fetched through the guarded path (the
 * host on the workspace's allowlist, a credential only to a host it is bound to), or its
 * MCP tool called with no arguments. The payload its map reads is the answer as JSON
 * when it is JSON, else `{ text }`.
 */
async function fetchAnswer(scope: Scope, sensor: PollSensor): Promise<{ text: string; payload: unknown }> {
  const limits = toolLimits();
  let text: string;
  if (sensor.url) {
    const workspace = await scope.db.workspace.findUniqueOrThrow({
      where: { id: scope.workspaceId },
      select: { httpAllowlist: true },
    });
    const credential = sensor.credential ? await unlockCredential(scope, sensor.credential, { kind: "http" }) : null;
    const res = await httpRequest(
      { url: sensor.url, method: "GET" },
      {
        ...(credential ? { bearer: { secret: credential.secret, binding: credential } } : {}),
        allowlist: workspace.httpAllowlist,
        timeoutMs: limits.timeoutMs,
        maxBytes: limits.maxBytes,
        allowPrivate: limits.allowPrivate,
      },
    );
    if (res.status >= 400) throw new ToolError(`${sensor.url} answered ${res.status}`);
    text = res.body;
  } else {
    const [server, tool] = sensor.mcp!.split("/") as [string, string];
    text = await callMcpTool(await mcpEndpoint(scope, server), tool, {}, limits);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = { text };
  }
  return { text, payload };
}

/**
 * The scheduler's sweep for poll sensors (every minute, with the cron triggers): a due
 * sensor is claimed by a conditional update that moves nextPollAt from its slot to the
 * next one (a concurrent sweep updates nothing), then polled. An answer whose SHA-256
 * differs from the last one emits the sensor's event, its fields mapped from the answer
 * (idempotent per sensor and slot); the first answer only sets the baseline. A failed
 * poll is recorded on the sensor (lastError) and waits for the next slot.
 */
export async function pollDueSensors(options: { now?: Date; workspaceIds?: string[] } = {}): Promise<SensorPoll[]> {
  const now = options.now ?? new Date();
  const due = await db.sensor.findMany({
    where: {
      kind: "poll",
      nextPollAt: { lte: now },
      ...(options.workspaceIds ? { workspaceId: { in: options.workspaceIds } } : {}),
    },
    orderBy: { nextPollAt: "asc" },
    take: BATCH,
    select: { id: true, workspaceId: true, nextPollAt: true, definition: true, lastHash: true },
  });
  const polls: SensorPoll[] = [];
  for (const row of due) {
    const scope = scopeFor(row.workspaceId);
    const sensor = row.definition as unknown as PollSensor; // written by the import from the compiled sensor
    const slot = row.nextPollAt!;
    const won = await scope.db.sensor.updateMany({
      where: { id: row.id, nextPollAt: slot },
      data: { nextPollAt: nextPollAfter(sensor.schedule, now.getTime() > slot.getTime() ? now : slot) },
    });
    if (won.count === 0) continue;
    let answer: { text: string; payload: unknown };
    try {
      answer = await fetchAnswer(scope, sensor);
    } catch (err) {
      if (!(err instanceof ToolError || err instanceof AppError)) throw err;
      await scope.db.sensor.updateMany({ where: { id: row.id }, data: { lastPolledAt: now, lastError: err.message } });
      polls.push({ sensorId: row.id, workspaceId: row.workspaceId, changed: false, eventId: null, error: err.message });
      continue;
    }
    const hash = createHash("sha256").update(answer.text).digest("hex");
    const changed = row.lastHash !== null && row.lastHash !== hash;
    let eventId: string | null = null;
    let error: string | null = null;
    if (changed) {
      try {
        const type = await scope.db.eventType.findFirst({ where: { name: sensor.emits }, select: { fields: true } });
        const event = await emitEvent(scope, {
          name: sensor.emits,
          data: mapPayload(sensor.map, answer.payload, (type?.fields ?? {}) as EventFields),
          source: "cron",
          idempotencyKey: `sensor:${row.id}:${slot.toISOString()}`,
        });
        eventId = event.event.id;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        error = `The answer changed, and its event could not be emitted: ${err.message}`;
      }
    }
    await scope.db.sensor.updateMany({
      where: { id: row.id },
      data: {
        lastPolledAt: now,
        lastHash: hash,
        lastError: error,
        ...(changed ? { lastChangedAt: now } : {}),
      },
    });
    polls.push({ sensorId: row.id, workspaceId: row.workspaceId, changed, eventId, error });
  }
  return polls;
}
