import { Card, CardHeader } from "@/components/ui/card";

/** A project sensor as the Events page lists it (lib/events/list-project-sensors.ts reads them). */
export interface SensorSummary {
  name: string;
  kind: "webhook" | "poll";
  emits: string;
  detail: string;
  url: string | null;
  poll: {
    nextPollAt: string | null;
    lastPolledAt: string | null;
    lastChangedAt: string | null;
    lastError: string | null;
  } | null;
}

const when = (iso: string | null) =>
  iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never";

/** The project's sensors (sensors/*.yml): the webhooks the server hosts and the polls it runs, with what `loopllama run` prints. */
export function ProjectSensors({ sensors, summary }: { sensors: SensorSummary[]; summary: string }) {
  if (!sensors.length) return null;
  return (
    <Card role="region" aria-labelledby="project-sensors">
      <CardHeader
        title={<span id="project-sensors">Project sensors</span>}
        description={<span data-testid="sensors-summary">{summary.charAt(0).toUpperCase() + summary.slice(1)}</span>}
      />
      <ul className="divide-y divide-zinc-200 text-sm">
        {sensors.map((s) => (
          <li key={s.name} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-3">
            <span className="font-medium text-zinc-900">{s.name}</span>
            <span className="text-zinc-600">
              {s.kind} → {s.emits} · {s.detail}
            </span>
            {s.url ? <code className="break-all text-xs text-zinc-700">{s.url}</code> : null}
            {s.poll ? (
              <span className="text-xs text-zinc-600" data-testid={`poll-${s.name}`}>
                {s.poll.nextPollAt ? "running" : "not armed"} · last poll {when(s.poll.lastPolledAt)} · last change{" "}
                {when(s.poll.lastChangedAt)}
                {s.poll.lastError ? <span className="text-red-700"> · {s.poll.lastError}</span> : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
