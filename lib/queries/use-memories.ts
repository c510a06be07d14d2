"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MemoryJson } from "@/lib/memory/response-schemas";
import { apiRequest } from "./api-client";

export const memoryKeys = {
  all: (slug: string) => ["workspace", slug, "memories"] as const,
  list: (slug: string, userId: string, q: string) => ["workspace", slug, "memories", userId, q] as const,
};

function memoriesPath(userId: string, q = "") {
  const params = new URLSearchParams({ userId });
  if (q) params.set("q", q);
  return `/api/v1/memories?${params}`;
}

/** One of the product's users' memories: newest first, or with `q` the best matches first. */
export function useMemories(slug: string, userId: string | null, q: string) {
  return useQuery({
    queryKey: memoryKeys.list(slug, userId ?? "", q),
    queryFn: ({ signal }) => apiRequest<{ data: MemoryJson[] }>(memoriesPath(userId!, q), { workspace: slug, signal }),
    enabled: userId !== null,
  });
}

/** Forgets everything the workspace stored about one user. */
export function useForgetUser(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest<{ deleted: number }>(memoriesPath(userId), { method: "DELETE", workspace: slug }),
    onSettled: () => client.invalidateQueries({ queryKey: memoryKeys.all(slug) }),
  });
}
