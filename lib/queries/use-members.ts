"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { ListResponse, Member, Role } from "./types";

export function useMembers(slug: string) {
  return useQuery({
    queryKey: queryKeys.members(slug),
    queryFn: ({ signal }) => apiRequest<ListResponse<Member>>("/api/v1/members", { workspace: slug, signal }),
    select: (r) => r.data,
  });
}

export function useChangeMemberRole(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiRequest<Member>(`/api/v1/members/${encodeURIComponent(userId)}`, {
        method: "PATCH",
        workspace: slug,
        body: { role },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(slug) }),
  });
}

export function useRemoveMember(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest<void>(`/api/v1/members/${encodeURIComponent(userId)}`, { method: "DELETE", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(slug) }),
  });
}
