"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { Credential, CredentialKind, ListResponse } from "./types";

const path = (id: string) => `/api/v1/credentials/${encodeURIComponent(id)}`;

export function useCredentials(slug: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.credentials(slug),
    queryFn: ({ signal }) => apiRequest<ListResponse<Credential>>("/api/v1/credentials", { workspace: slug, signal }),
    select: (r) => r.data,
    enabled,
  });
}

/** Every mutation refreshes the list; none keeps the secret it sent (callers reset it once done). */
function useCredentialMutation<V>(slug: string, request: (input: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.credentials(slug) }),
  });
}

export function useCreateCredential(slug: string) {
  return useCredentialMutation(slug, (input: { name: string; kind: CredentialKind; secret: string }) =>
    apiRequest<Credential>("/api/v1/credentials", { method: "POST", workspace: slug, body: input }),
  );
}

export function useRenameCredential(slug: string) {
  return useCredentialMutation(slug, ({ id, name }: { id: string; name: string }) =>
    apiRequest<Credential>(path(id), { method: "PATCH", workspace: slug, body: { name } }),
  );
}

export function useRotateCredential(slug: string) {
  return useCredentialMutation(slug, ({ id, secret }: { id: string; secret: string }) =>
    apiRequest<Credential>(`${path(id)}/rotate`, { method: "POST", workspace: slug, body: { secret } }),
  );
}

export function useDeleteCredential(slug: string) {
  return useCredentialMutation(slug, (id: string) =>
    apiRequest<{ id: string; deleted: true }>(path(id), { method: "DELETE", workspace: slug }),
  );
}
