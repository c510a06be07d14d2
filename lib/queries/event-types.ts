import type { RunStatus } from "./workflow-types";

/** An event type as GET /api/v1/event-types returns it. */
export interface EventType {
  id: string;
  name: string;
  /** Field name → str | int | url | id | enum[a, b]. */
  fields: Record<string, string>;
  description: string | null;
  /** scheme: "standard" (Standard Webhooks) or "legacy" (?secret= or a body-only signature; replayable). */
  webhook: { enabled: boolean; url?: string; scheme?: "standard" | "legacy" };
  createdAt: string;
  updatedAt: string;
}

export type EventSource = "api" | "webhook" | "step" | "cron";

export interface EventRun {
  id: string;
  workflowId: string;
  workflowName: string;
  status: RunStatus;
}

/** A stored event with the runs it started. */
export interface BusEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  source: EventSource;
  sourceRunId: string | null;
  depth: number;
  note: string | null;
  createdAt: string;
  runs: EventRun[];
}

/** POST /api/v1/events: the stored event and the runs it started. */
export interface EmittedEvent {
  event: Omit<BusEvent, "runs">;
  runs: EventRun[];
}

/** POST /api/v1/event-types/{id}/webhook: the secret appears here only. */
export interface WebhookSecret {
  url: string;
  secret: string;
  eventType: EventType;
}
