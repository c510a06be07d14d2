import { env } from "@/lib/env";
import type { EventFields } from "./field-types";

export const eventTypeSelect = {
  id: true,
  name: true,
  fields: true,
  description: true,
  webhookId: true,
  createdAt: true,
  updatedAt: true,
} as const;

interface EventTypeRow {
  id: string;
  name: string;
  fields: unknown;
  description: string | null;
  webhookId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The address outside systems POST an event type's data to. */
export function webhookUrl(webhookId: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/hooks/${webhookId}`;
}

/** An event type as the API shows it: its webhook's address, never its secret. */
export function serializeEventType(row: EventTypeRow) {
  return {
    id: row.id,
    name: row.name,
    fields: row.fields as EventFields,
    description: row.description,
    webhook: row.webhookId ? { enabled: true, url: webhookUrl(row.webhookId) } : { enabled: false },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
