"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createTokenSchema } from "@/lib/tokens/schemas";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { ApiToken, CreatedApiToken, ListResponse } from "./types";

export function useTokens(slug: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.tokens(slug),
    queryFn: ({ signal }) => apiRequest<ListResponse<ApiToken>>("/api/v1/tokens", { workspace: slug, signal }),
    select: (r) => r.data,
    enabled,
  });
}

export function useCreateToken(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createTokenSchema>) =>
      apiRequest<CreatedApiToken>("/api/v1/tokens", { method: "POST", workspace: slug, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens(slug) }),
  });
}

export function useRevokeToken(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<ApiToken>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tokens(slug) }),
  });
}
