"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { z } from "zod";
import type { createCredentialSchema, rotateCredentialSchema, updateCredentialSchema } from "@/lib/credentials/schemas";
import type { Credential, CredentialDeleted, CredentialReference, ListResponse } from "./types";

const path = (id: string) => `/api/v1/credentials/${encodeURIComponent(id)}`;

export function useCredentials(slug: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.credentials(slug),
    queryFn: ({ signal }) => apiRequest<ListResponse<Credential>>("/api/v1/credentials", { workspace: slug, signal }),
    select: (r) => r.data,
    enabled,
  });
}

/** Ids, names, kinds and bindings, which every member may read: for the model and tool pickers. */
export function useCredentialReferences(slug: string) {
  return useQuery({
    queryKey: queryKeys.credentialReferences(slug),
    queryFn: ({ signal }) =>
      apiRequest<ListResponse<CredentialReference>>("/api/v1/credentials?view=reference", { workspace: slug, signal }),
    select: (r) => r.data,
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
  return useCredentialMutation(slug, (input: z.input<typeof createCredentialSchema>) =>
    apiRequest<Credential>("/api/v1/credentials", { method: "POST", workspace: slug, body: input }),
  );
}

/** Renames or rebinds: `{ name?, baseUrl?, hosts? }` (a baseUrl of null is the provider's own API again). */
export function useUpdateCredential(slug: string) {
  return useCredentialMutation(slug, ({ id, ...changes }: { id: string } & z.input<typeof updateCredentialSchema>) =>
    apiRequest<Credential>(path(id), { method: "PATCH", workspace: slug, body: changes }),
  );
}

export function useRotateCredential(slug: string) {
  return useCredentialMutation(slug, ({ id, secret }: { id: string } & z.input<typeof rotateCredentialSchema>) =>
    apiRequest<Credential>(`${path(id)}/rotate`, { method: "POST", workspace: slug, body: { secret } }),
  );
}

export function useDeleteCredential(slug: string) {
  return useCredentialMutation(slug, (id: string) =>
    apiRequest<CredentialDeleted>(path(id), { method: "DELETE", workspace: slug }),
  );
}
