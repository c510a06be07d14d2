"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { updateMemberSchema } from "@/lib/members/schemas";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { ListResponse, Member } from "./types";

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
    mutationFn: ({ userId, role }: { userId: string } & z.input<typeof updateMemberSchema>) =>
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
