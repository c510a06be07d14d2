import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";

/** A project sensor as the Events page lists it. */
export interface SensorSummary {
  name: string;
  kind: "webhook" | "poll";
  emits: string;
  /** A webhook's URL and its sender's signature scheme; a poll's schedule and source. */
  detail: string;
  url: string | null;
  /** A poll: armed for its next slot (nextPollAt), its last poll and last change, and why the last poll failed. */
  poll: {
    nextPollAt: string | null;
    lastPolledAt: string | null;
    lastChangedAt: string | null;
    lastError: string | null;
  } | null;
}

/** What the server does for a workspace's project, in the words the Events page and `loopllama run` print. */
export interface ProjectHosting {
  /** Sensor webhooks the server hosts. */
  webhooks: number;
  /** Schedules armed: workflows with a cron trigger due next, and poll sensors. */
  schedules: number;
  /** "hosting 1 sensor webhook · 2 schedules armed". */
  summary: string;
  sensors: SensorSummary[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The workspace's project sensors: webhooks with the URL to give the sending service, and polls with their state. */
export async function listProjectSensors(scope: Scope, slug: string): Promise<SensorSummary[]> {
  const rows = await scope.db.sensor.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true,
      kind: true,
      emits: true,
      definition: true,
      nextPollAt: true,
      lastPolledAt: true,
      lastChangedAt: true,
      lastError: true,
    },
  });
  const base = env().APP_URL.replace(/\/$/, "");
  return rows.map((r) => {
    const d = r.definition as {
      path?: string;
      verify?: string;
      schedule?: string;
      url?: string | null;
      mcp?: string | null;
    };
    return r.kind === "webhook"
      ? {
          name: r.name,
          kind: "webhook",
          emits: r.emits,
          detail: d.verify === "none" ? "unsigned" : `signed the ${d.verify} way`,
          url: `${base}/api/hooks/sensors/${slug}/${d.path}`,
          poll: null,
        }
      : {
          name: r.name,
          kind: "poll",
          emits: r.emits,
          detail: `cron("${d.schedule}") · ${d.url ?? d.mcp}`,
          url: null,
          poll: {
            nextPollAt: iso(r.nextPollAt),
            lastPolledAt: iso(r.lastPolledAt),
            lastChangedAt: iso(r.lastChangedAt),
            lastError: r.lastError,
          },
        };
  });
}

/** The sensors, and the counts `loopllama run` and the Events page print: webhooks hosted, schedules armed. */
export async function projectHosting(scope: Scope, slug: string): Promise<ProjectHosting> {
  const sensors = await listProjectSensors(scope, slug);
  const crons = await scope.db.workflow.count({ where: { status: "active", nextTriggerAt: { not: null } } });
  const webhooks = sensors.filter((s) => s.kind === "webhook").length;
  const schedules = crons + sensors.filter((s) => s.poll?.nextPollAt).length;
  return {
    webhooks,
    schedules,
    summary: `hosting ${plural(webhooks, "sensor webhook")} · ${plural(schedules, "schedule")} armed`,
    sensors,
  };
}
