"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createInviteSchema } from "@/lib/members/schemas";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { CreatedInvite, Invite, InviteDescription, ListResponse, WorkspaceSummary } from "./types";

export function useInvites(slug: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.invites(slug),
    queryFn: ({ signal }) => apiRequest<ListResponse<Invite>>("/api/v1/invites", { workspace: slug, signal }),
    select: (r) => r.data,
    enabled,
  });
}

export function useCreateInvite(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createInviteSchema>) =>
      apiRequest<CreatedInvite>("/api/v1/invites", { method: "POST", workspace: slug, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.invites(slug) }),
  });
}

export function useRevokeInvite(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/v1/invites/${encodeURIComponent(id)}`, { method: "DELETE", workspace: slug }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.invites(slug) }),
  });
}

/** What an invite link is for; anyone with the link may ask. */
export function useInviteDescription(token: string) {
  return useQuery({
    queryKey: queryKeys.invite(token),
    queryFn: ({ signal }) => apiRequest<InviteDescription>(`/api/invites/${encodeURIComponent(token)}`, { signal }),
  });
}

export function useAcceptInvite(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<{ workspace: Pick<WorkspaceSummary, "name" | "slug"> }>(`/api/invites/${encodeURIComponent(token)}`, {
        method: "POST",
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.workspaces() }),
  });
}
