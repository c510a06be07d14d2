"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from "@/lib/webhooks/response-schemas";
import type { BusWebhookEventType, WebhookEventType } from "@/lib/webhooks/event-types";
import { apiRequest } from "./api-client";
import { pageUrl } from "./page-url";
import { queryKeys } from "./query-keys";

export type WebhookEndpoint = z.output<typeof webhookEndpointSchema>;
export type WebhookEndpointWithSecret = z.output<typeof webhookEndpointWithSecretSchema>;
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

const base = "/api/v1/webhook-endpoints";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function useWebhookEndpoints(slug: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.webhookEndpoints(slug),
    queryFn: ({ signal }) => apiRequest<{ data: WebhookEndpoint[] }>(base, { workspace: slug, signal }),
    select: (r) => r.data,
    enabled,
  });
}

/** An endpoint's delivery log, newest first; refreshed while a delivery is still being tried. */
export function useWebhookDeliveries(slug: string, endpointId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.webhookDeliveries(slug, endpointId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<{ data: WebhookDelivery[]; nextCursor: string | null }>(
        pageUrl(`${one(endpointId)}/deliveries`, 20, pageParam),
        { workspace: slug, signal },
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.data.some((d) => d.status === "pending")) ? 3000 : false,
  });
}

export function useCreateWebhookEndpoint(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; events: (WebhookEventType | BusWebhookEventType)[]; description?: string }) =>
      apiRequest<WebhookEndpointWithSecret>(base, { method: "POST", workspace: slug, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(slug) }),
  });
}

export function useUpdateWebhookEndpoint(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; disabled?: boolean }) =>
      apiRequest<WebhookEndpoint>(one(id), { method: "PATCH", workspace: slug, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(slug) }),
  });
}

export function useRotateWebhookSecret(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<WebhookEndpointWithSecret>(`${one(id)}/rotate`, { method: "POST", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(slug) }),
  });
}

export function useDeleteWebhookEndpoint(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<WebhookEndpoint>(one(id), { method: "DELETE", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(slug) }),
  });
}

export function useSendTestWebhook(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<WebhookDelivery>(`${one(id)}/test`, { method: "POST", workspace: slug }),
    onSuccess: (_d, id) => client.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(slug, id) }),
  });
}

export function useRedeliverWebhook(slug: string, endpointId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      apiRequest<WebhookDelivery>(`${one(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
        method: "POST",
        workspace: slug,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(slug, endpointId) }),
  });
}
