"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/queries/api-client";
import type { AgentDto } from "@/lib/queries/agent-types";
import { formatInZone, formatRelative } from "@/lib/queries/format";
import { modelDisplay } from "@/lib/queries/workflow-graph";
import { useAgent, useAgentAction, useAgentLive, useAgentSchedule, useDeleteAgent } from "@/lib/queries/use-agents";
import { AgentLogs } from "./agent-logs";
import { AgentStatusBadge } from "./agent-status-badge";
import { describeSchedule } from "./describe-schedule";
import { ReflectionTimeline } from "./reflection-timeline";

function Detail({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

function NextRuns({ slug, agent }: { slug: string; agent: AgentDto }) {
  const schedule = useAgentSchedule(slug, agent.id, agent.nextRunAt);
  return (
    <Card>
      <CardHeader title="Next runs" description={`In ${agent.timezone}.`} />
      <div className="px-5 py-4 text-sm">
        {schedule.isPending ? (
          <p className="text-zinc-500">Loading…</p>
        ) : schedule.isError ? (
          <Alert tone="error">{errorMessage(schedule.error)}</Alert>
        ) : schedule.data.paused ? (
          <p className="text-zinc-600">Paused: nothing is scheduled until the agent is resumed.</p>
        ) : schedule.data.runs.length === 0 ? (
          <p className="text-zinc-600">Nothing scheduled: the agent runs when you start it.</p>
        ) : (
          <ol className="space-y-1 font-mono text-xs text-zinc-800" data-testid="next-runs">
            {schedule.data.runs.map((r) => (
              <li key={r.at}>{r.local}</li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}

function Actions({ slug, agent }: { slug: string; agent: AgentDto }) {
  const router = useRouter();
  const start = useAgentAction(slug, agent.id, "start");
  const pause = useAgentAction(slug, agent.id, "pause");
  const resume = useAgentAction(slug, agent.id, "resume");
  const remove = useDeleteAgent(slug, agent.id);
  const [deleting, setDeleting] = useState(false);
  const error = start.error ?? pause.error ?? resume.error;
  const paused = agent.status === "paused";
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={paused || agent.status === "running"}
        >
          <Icon name="play" className="size-4" />
          Start now
        </Button>
        {paused || agent.status === "failed" ? (
          <Button variant="secondary" onClick={() => resume.mutate()} loading={resume.isPending}>
            Resume
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => pause.mutate()} loading={pause.isPending}>
            Pause
          </Button>
        )}
        <Link href={`/w/${encodeURIComponent(slug)}/agents/${agent.id}/edit`} className={buttonClasses("secondary")}>
          Edit
        </Link>
        <Button variant="danger-ghost" onClick={() => setDeleting(true)}>
          Delete
        </Button>
      </div>
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={deleting}
        title={`Delete ${agent.name}?`}
        description="Its reflections and logs go with it. Its workflows and their runs stay."
        confirmLabel="Delete agent"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(undefined, { onSuccess: () => router.push(`/w/${encodeURIComponent(slug)}/agents`) })
        }
      />
    </div>
  );
}

export function AgentPage({ id }: { id: string }) {
  const { workspace } = useCurrentWorkspace();
  const slug = workspace.slug;
  const agent = useAgent(slug, id);

  if (agent.isPending) {
    return (
      <PageBody>
        <SkeletonRows label="Loading agent" />
      </PageBody>
    );
  }
  if (agent.isError) {
    return (
      <PageBody>
        <Alert tone="error" title="Could not load this agent">
          {errorMessage(agent.error)}{" "}
          <Link href={`/w/${encodeURIComponent(slug)}/agents`} className="font-medium underline">
            Back to agents
          </Link>
        </Alert>
      </PageBody>
    );
  }
  return <AgentDetails slug={slug} a={agent.data} readAt={agent.dataUpdatedAt} />;
}

function AgentDetails({ slug, a, readAt }: { slug: string; a: AgentDto; readAt: number }) {
  const live = useAgentLive(slug, a, readAt);
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {a.name} <AgentStatusBadge status={a.status} />
          </span>
        }
        description={a.role}
        actions={<Actions slug={slug} agent={a} />}
      />
      <PageBody>
        {a.status === "failed" ? (
          <Alert tone="error" title="This agent failed">
            Its last reflection judged that the goal cannot be reached this way. Scheduled runs wait until you resume
            it.
          </Alert>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardHeader title="Details" />
            <dl className="grid gap-4 px-5 py-4 sm:grid-cols-2">
              <Detail label="Goal" className="sm:col-span-2">
                <span className="whitespace-pre-wrap">{a.goal}</span>
              </Detail>
              {a.description ? <Detail label="Description">{a.description}</Detail> : null}
              <Detail label="Model">{modelDisplay(a.model)}</Detail>
              <Detail label="Workflows">
                <ul>
                  {a.workflows.map((w) => (
                    <li key={w.id}>
                      <Link
                        href={`/w/${encodeURIComponent(slug)}/workflows/${w.id}`}
                        className="text-accent hover:underline"
                      >
                        {w.name}
                      </Link>{" "}
                      <span className="text-xs text-zinc-500">v{w.currentVersion}</span>
                    </li>
                  ))}
                </ul>
              </Detail>
              <Detail label="Capabilities">{a.capabilities.length ? a.capabilities.join(", ") : "None"}</Detail>
              <Detail label="Schedule">{describeSchedule(a.schedule)}</Detail>
              <Detail label="Last run">
                {a.lastRunAt
                  ? `${formatInZone(a.lastRunAt, a.timezone)}, ${formatRelative(a.lastRunAt)}`
                  : live
                    ? "Starting…"
                    : "Never"}
              </Detail>
              <Detail label="Next run">
                {a.nextRunAt ? `${formatInZone(a.nextRunAt, a.timezone)}, ${formatRelative(a.nextRunAt)}` : "—"}
              </Detail>
            </dl>
          </Card>
          <NextRuns slug={slug} agent={a} />
        </div>
        <ReflectionTimeline slug={slug} agentId={a.id} live={live} />
        <AgentLogs slug={slug} agentId={a.id} live={live} />
      </PageBody>
    </>
  );
}
