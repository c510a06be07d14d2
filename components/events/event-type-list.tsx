"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { EventType } from "@/lib/queries/event-types";

export interface EventTypeActions {
  onWebhook: (type: EventType) => void;
  onDisable: (type: EventType) => void;
  onEmit: (type: EventType) => void;
  pendingId: string | null;
}

/** Each event type with its typed fields and its webhook's state. */
export function EventTypeList({
  types,
  onWebhook,
  onDisable,
  onEmit,
  pendingId,
}: { types: EventType[] } & EventTypeActions) {
  return (
    <ul className="divide-y divide-zinc-200">
      {types.map((type) => (
        <li
          key={type.id}
          className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:px-5"
          data-testid="event-type"
        >
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm font-semibold break-all text-zinc-900">{type.name}</span>
              <Badge tone={type.webhook.enabled ? "success" : "neutral"}>
                {type.webhook.enabled ? "Webhook on" : "No webhook"}
              </Badge>
              {type.webhook.scheme === "legacy" ? <Badge tone="warning">Replayable</Badge> : null}
            </p>
            {type.description ? <p className="mt-1 text-sm text-zinc-600">{type.description}</p> : null}
            <ul aria-label={`Fields of ${type.name}`} className="mt-2 flex flex-wrap gap-1.5">
              {Object.entries(type.fields).map(([field, fieldType]) => (
                <li key={field} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
                  {field}: {fieldType}
                </li>
              ))}
              {Object.keys(type.fields).length === 0 ? <li className="text-xs text-zinc-500">No fields</li> : null}
            </ul>
            {type.webhook.url ? (
              <p className="mt-2 font-mono text-xs break-all text-zinc-500">{type.webhook.url}</p>
            ) : null}
            {type.webhook.scheme === "legacy" ? (
              <Alert tone="warning" className="mt-2" title="Older webhook scheme">
                This webhook takes its secret in the URL or a signature of the body alone. Neither carries a time or an
                id, so anyone who captures one delivery can send it again, and each copy starts runs. Rotate it to sign
                deliveries with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature): a delivery is then
                accepted only within 5 minutes of signing, and once. The URL and secret change, so update the sender.
              </Alert>
            ) : null}
          </div>
          <div className="flex shrink-0 flex-wrap gap-1">
            <Button variant="secondary" size="sm" onClick={() => onEmit(type)}>
              Emit test event<span className="sr-only"> of {type.name}</span>
            </Button>
            <Button variant="secondary" size="sm" loading={pendingId === type.id} onClick={() => onWebhook(type)}>
              {!type.webhook.enabled
                ? "Create webhook"
                : type.webhook.scheme === "legacy"
                  ? "Rotate to Standard Webhooks"
                  : "Rotate webhook"}
              <span className="sr-only"> for {type.name}</span>
            </Button>
            {type.webhook.enabled ? (
              <Button variant="danger-ghost" size="sm" onClick={() => onDisable(type)}>
                Disable<span className="sr-only"> the webhook of {type.name}</span>
              </Button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
