"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { LoadMoreButton } from "@/components/ui/load-more";
import { QueryState } from "@/components/ui/query-state";
import { Select } from "@/components/ui/select";
import { errorMessage } from "@/lib/queries/api-client";
import type { EventType, WebhookSecret } from "@/lib/queries/event-types";
import { useDisableWebhook, useEvent, useEvents, useEventTypes, useRotateWebhook } from "@/lib/queries/use-events";
import { CreateEventTypeDialog } from "./create-event-type-dialog";
import { EmitEventDialog } from "./emit-event-dialog";
import { EventItem } from "./event-list";
import { EventTypeList } from "./event-type-list";
import { WebhookDialog } from "./webhook-dialog";

/** The event named in the URL (`?event=<id>`, where a run's "Started by event" links). */
function SelectedEvent({ slug, id }: { slug: string; id: string }) {
  const event = useEvent(slug, id);
  return (
    <Card>
      <CardHeader title="Selected event" />
      <QueryState query={event} loadingLabel="Loading the event" errorTitle="Could not load this event" rows={2}>
        {(data) => (
          <ul>
            <EventItem slug={slug} event={data} highlighted />
          </ul>
        )}
      </QueryState>
    </Card>
  );
}

/** Event types with their fields and webhooks, and recent events with the runs they started. */
/** The Events page; `projectSensors` is the pushed project's sensors, rendered on the server. */
export function EventsPage({ projectSensors }: { projectSensors?: ReactNode }) {
  const { workspace } = useCurrentWorkspace();
  const slug = workspace.slug;
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const name = params.get("name") || undefined;
  const selected = params.get("event");
  const types = useEventTypes(slug);
  const events = useEvents(slug, name);
  const rotate = useRotateWebhook(slug);
  const disable = useDisableWebhook(slug);
  const [created, setCreated] = useState<WebhookSecret | null>(null);
  const [disabling, setDisabling] = useState<EventType | null>(null);
  const [creating, setCreating] = useState(false);
  const [emitting, setEmitting] = useState<EventType | null>(null);
  const items = events.data?.pages.flatMap((p) => p.data) ?? [];

  function setName(value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set("name", value);
    else next.delete("name");
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Icon name="plus" className="size-4" />
      New event type
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Events"
        description={
          <>
            Typed events start workflows: from the API, an incoming webhook, or a step that emits its output.{" "}
            <Link href="/docs/guides/events-and-webhooks" className="text-accent underline">
              Events and webhooks guide
            </Link>
          </>
        }
        actions={createButton}
      />
      <PageBody>
        {selected ? <SelectedEvent slug={slug} id={selected} /> : null}
        {rotate.error ? <Alert tone="error">{errorMessage(rotate.error)}</Alert> : null}
        <Card>
          <CardHeader
            title="Event types"
            description="Each type's fields are checked on every event; a webhook lets outside systems emit it."
          />
          <QueryState
            query={types}
            loadingLabel="Loading event types"
            errorTitle="Could not load event types"
            isEmpty={types.data?.length === 0}
            empty={
              <EmptyState
                icon="bolt"
                title="No event types yet"
                description="Declare one here, with POST /api/v1/event-types or in a project's registry.yml, then start workflows on it."
                action={createButton}
              />
            }
          >
            {(data) => (
              <EventTypeList
                types={data}
                pendingId={rotate.isPending ? (rotate.variables ?? null) : null}
                onWebhook={(type) => rotate.mutate(type.id, { onSuccess: setCreated })}
                onDisable={setDisabling}
                onEmit={setEmitting}
              />
            )}
          </QueryState>
        </Card>

        {projectSensors}

        <Card>
          <CardHeader
            title="Recent events"
            description="Newest first, with the runs each one started."
            actions={
              types.data && types.data.length > 0 ? (
                <Field label="Event type" className="w-44">
                  <Select value={name ?? ""} onChange={(e) => setName(e.target.value)}>
                    <option value="">All types</option>
                    {types.data.map((t) => (
                      <option key={t.id} value={t.name}>
                        {t.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : null
            }
          />
          <QueryState
            query={events}
            loadingLabel="Loading events"
            errorTitle="Could not load events"
            isEmpty={items.length === 0}
            empty={
              <EmptyState
                icon="bolt"
                title={name ? `No ${name} events yet` : "No events yet"}
                description="Emit one with POST /api/v1/events, a webhook, or a step with emits: it shows up here."
              />
            }
          >
            <ul className="divide-y divide-zinc-200">
              {items.map((event) => (
                <EventItem key={event.id} slug={slug} event={event} highlighted={event.id === selected} />
              ))}
            </ul>
            <div className="flex items-center justify-between border-t border-zinc-200 px-4 py-3 text-sm text-zinc-500">
              <span>
                {items.length} {items.length === 1 ? "event" : "events"} shown
              </span>
              <LoadMoreButton query={events} />
            </div>
          </QueryState>
        </Card>
      </PageBody>

      <WebhookDialog created={created} onClose={() => setCreated(null)} />
      <CreateEventTypeDialog slug={slug} open={creating} onClose={() => setCreating(false)} />
      <EmitEventDialog slug={slug} type={emitting} onClose={() => setEmitting(null)} />
      <ConfirmDialog
        open={disabling !== null}
        title={`Disable the webhook of “${disabling?.name ?? ""}”?`}
        description="Its URL stops accepting events at once. Creating a webhook again gives a new URL and secret."
        confirmLabel="Disable webhook"
        pending={disable.isPending}
        error={disable.error ? errorMessage(disable.error) : null}
        onClose={() => {
          setDisabling(null);
          disable.reset();
        }}
        onConfirm={() => disabling && disable.mutate(disabling.id, { onSuccess: () => setDisabling(null) })}
      />
    </>
  );
}
