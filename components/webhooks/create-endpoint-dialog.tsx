"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useEventTypes } from "@/lib/queries/use-events";
import { useCreateWebhookEndpoint } from "@/lib/queries/use-webhooks";
import {
  busWebhookEventType,
  WEBHOOK_EVENT_TYPES,
  type BusWebhookEventType,
  type WebhookEventType,
} from "@/lib/webhooks/event-types";
import { EndpointSecretView } from "./endpoint-secret-view";

/** Registers an endpoint: its URL and the events it receives; the signing secret is shown once. */
export function CreateEndpointDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  const create = useCreateWebhookEndpoint(slug);
  // The workspace's own event types can be sent too, as event.<name>.
  const busTypes = useEventTypes(slug);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<(WebhookEventType | BusWebhookEventType)[]>(["run.completed", "run.failed"]);

  function close() {
    setUrl("");
    setDescription("");
    setEvents(["run.completed", "run.failed"]);
    create.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ url, events, ...(description ? { description } : {}) });
  }

  const toggle = (type: WebhookEventType | BusWebhookEventType) =>
    setEvents((list) => (list.includes(type) ? list.filter((t) => t !== type) : [...list, type]));
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const formError =
    create.error && !fieldErrors.url && !fieldErrors.events && !fieldErrors.description
      ? errorMessage(create.error)
      : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={create.data ? "Endpoint added" : "Add webhook endpoint"}
      description={create.data ? undefined : "LoopLlama POSTs the events you pick to this URL, signed."}
    >
      {create.data ? (
        <EndpointSecretView secret={create.data.secret} onDone={close} />
      ) : (
        <Form onSubmit={submit} noValidate className="space-y-4">
          <Field label="URL" hint="A public https address." error={fieldErrors.url}>
            <Input
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://hooks.example.com/loopllama"
              maxLength={2000}
              required
              autoFocus
            />
          </Field>
          <Field label="Description" error={fieldErrors.description}>
            <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800">Events</legend>
            <div className="mt-2 grid grid-cols-1 gap-1.5 sm:grid-cols-2">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-zinc-700">
                  <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} />
                  <code className="font-mono text-xs">{type}</code>
                </label>
              ))}
            </div>
            {fieldErrors.events ? <p className="mt-1 text-sm text-red-600">{fieldErrors.events}</p> : null}
          </fieldset>
          <fieldset data-testid="webhook-bus-events">
            <legend className="text-sm font-medium text-zinc-800">Your events</legend>
            {busTypes.data && busTypes.data.length > 0 ? (
              <div className="mt-2 grid grid-cols-1 gap-1.5 sm:grid-cols-2">
                {busTypes.data.map(({ name }) => {
                  const type = busWebhookEventType(name);
                  return (
                    <label key={type} className="flex min-w-0 items-center gap-2 text-sm text-zinc-700">
                      <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} />
                      <code className="truncate font-mono text-xs">{type}</code>
                    </label>
                  );
                })}
              </div>
            ) : (
              <p className="mt-1 text-sm text-zinc-500">
                {busTypes.isPending
                  ? "Loading your event types…"
                  : "Event types you create under Events can be sent here too, each time one is emitted."}
              </p>
            )}
          </fieldset>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <DialogFooter confirmLabel="Add endpoint" onCancel={close} pending={create.isPending} />
        </Form>
      )}
    </Dialog>
  );
}
