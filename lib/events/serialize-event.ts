import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventSource, RunStatus } from "@/lib/generated/prisma/enums";

export const eventSelect = {
  id: true,
  name: true,
  data: true,
  source: true,
  sourceRunId: true,
  depth: true,
  note: true,
  createdAt: true,
} as const;

export const eventRunsSelect = {
  runs: {
    select: { id: true, workflowId: true, status: true, workflow: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.EventSelect;

export interface EventRow {
  id: string;
  name: string;
  data: unknown;
  source: EventSource;
  sourceRunId: string | null;
  depth: number;
  note: string | null;
  createdAt: Date;
}

export interface EventRunRow {
  id: string;
  workflowId: string;
  status: RunStatus;
  workflow: { name: string };
}

export function serializeEventRun(run: EventRunRow) {
  return { id: run.id, workflowId: run.workflowId, workflowName: run.workflow.name, status: run.status };
}

export function serializeEvent(row: EventRow) {
  return {
    id: row.id,
    name: row.name,
    data: (row.data ?? {}) as Record<string, unknown>,
    source: row.source,
    sourceRunId: row.sourceRunId,
    depth: row.depth,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

export function serializeEventWithRuns(row: EventRow & { runs: EventRunRow[] }) {
  return { ...serializeEvent(row), runs: row.runs.map(serializeEventRun) };
}
