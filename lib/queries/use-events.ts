"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createEventTypeSchema, emitEventSchema } from "@/lib/events/schemas";
import { apiRequest } from "./api-client";
import type { BusEvent, EmittedEvent, EventType, WebhookSecret } from "./event-types";
import { pageUrl } from "./page-url";
import type { ListResponse } from "./types";
import { isTerminal, type Page } from "./workflow-types";

export const eventKeys = {
  types: (slug: string) => ["workspace", slug, "event-types"] as const,
  lists: (slug: string) => ["workspace", slug, "events", "list"] as const,
  list: (slug: string, name: string | undefined, limit: number) =>
    ["workspace", slug, "events", "list", name ?? "", limit] as const,
  detail: (slug: string, id: string) => ["workspace", slug, "events", "detail", id] as const,
};

export function useEventTypes(slug: string) {
  return useQuery({
    queryKey: eventKeys.types(slug),
    queryFn: ({ signal }) => apiRequest<ListResponse<EventType>>("/api/v1/event-types", { workspace: slug, signal }),
    select: (r) => r.data,
  });
}

const running = (events: BusEvent[]) => events.some((e) => e.runs.some((r) => !isTerminal(r.status)));

/** Events newest first, a page at a time; refreshed while a run they started is in flight. */
export function useEvents(slug: string, name?: string, limit = 25) {
  return useInfiniteQuery({
    queryKey: eventKeys.list(slug, name, limit),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<BusEvent>>(pageUrl("/api/v1/events", limit, pageParam, { name }), { workspace: slug, signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => running(p.data)) ? 3000 : false),
  });
}

export function useEvent(slug: string, id: string | null | undefined) {
  return useQuery({
    queryKey: eventKeys.detail(slug, id ?? ""),
    queryFn: ({ signal }) =>
      apiRequest<BusEvent>(`/api/v1/events/${encodeURIComponent(id!)}`, { workspace: slug, signal }),
    enabled: Boolean(id),
  });
}

const webhookPath = (id: string) => `/api/v1/event-types/${encodeURIComponent(id)}/webhook`;

/** Creates or rotates a type's webhook; the answer holds the secret, shown once. */
export function useRotateWebhook(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<WebhookSecret>(webhookPath(id), { method: "POST", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.types(slug) }),
  });
}

export function useDisableWebhook(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<EventType>(webhookPath(id), { method: "DELETE", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.types(slug) }),
  });
}

/** Declares an event type: a name and its typed fields. */
export function useCreateEventType(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createEventTypeSchema>) =>
      apiRequest<EventType>("/api/v1/event-types", { method: "POST", workspace: slug, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.types(slug) }),
  });
}

/** Emits an event as the API does; the answer names the runs it started. */
export function useEmitEvent(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof emitEventSchema>) =>
      apiRequest<EmittedEvent>("/api/v1/events", { method: "POST", workspace: slug, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.lists(slug) }),
  });
}
