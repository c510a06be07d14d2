import { env } from "@/lib/env";
import type { WebhookScheme } from "@/lib/generated/prisma/enums";
import type { EventFields } from "./field-types";

export const eventTypeSelect = {
  id: true,
  name: true,
  fields: true,
  description: true,
  webhookId: true,
  webhookScheme: true,
  createdAt: true,
  updatedAt: true,
} as const;

interface EventTypeRow {
  id: string;
  name: string;
  fields: unknown;
  description: string | null;
  webhookId: string | null;
  webhookScheme: WebhookScheme;
  createdAt: Date;
  updatedAt: Date;
}

/** The address outside systems POST an event type's data to. */
export function webhookUrl(webhookId: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/hooks/${webhookId}`;
}

/** An event type as the API shows it: its webhook's address and scheme, never its secret. */
export function serializeEventType(row: EventTypeRow) {
  return {
    id: row.id,
    name: row.name,
    fields: row.fields as EventFields,
    description: row.description,
    webhook: row.webhookId
      ? { enabled: true, url: webhookUrl(row.webhookId), scheme: row.webhookScheme }
      : { enabled: false },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
