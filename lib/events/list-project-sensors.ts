import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";

/** A project sensor as the Events page lists it. */
export interface SensorSummary {
  name: string;
  kind: "webhook" | "poll";
  emits: string;
  /** A webhook's URL and its sender's signature scheme; a poll's schedule. */
  detail: string;
  url: string | null;
}

/** The workspace's project sensors: webhooks with the URL to give the sending service, and polls. */
export async function listProjectSensors(scope: Scope, slug: string): Promise<SensorSummary[]> {
  const rows = await scope.db.sensor.findMany({
    orderBy: { name: "asc" },
    select: { name: true, kind: true, emits: true, definition: true },
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
        }
      : { name: r.name, kind: "poll", emits: r.emits, detail: `cron("${d.schedule}") · ${d.url ?? d.mcp}`, url: null };
  });
}
