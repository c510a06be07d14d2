"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { ListResponse, WorkspaceSummary } from "./types";

export function useWorkspaces() {
  return useQuery({
    queryKey: queryKeys.workspaces(),
    queryFn: ({ signal }) => apiRequest<ListResponse<WorkspaceSummary>>("/api/v1/workspaces", { signal }),
    select: (r) => r.data,
  });
}

export function useCreateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Pick<WorkspaceSummary, "name">) =>
      apiRequest<WorkspaceSummary>("/api/v1/workspaces", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.workspaces() }),
  });
}
