"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { queryKeys } from "./query-keys";
import type { WorkspaceSummary } from "./types";

/** The current workspace with the caller's role; `initial` comes from the server layout. */
export function useWorkspace(slug: string, initial?: WorkspaceSummary) {
  return useQuery({
    queryKey: queryKeys.workspace(slug),
    queryFn: ({ signal }) => apiRequest<WorkspaceSummary>("/api/v1/workspace", { workspace: slug, signal }),
    initialData: initial,
  });
}

export function useRenameWorkspace(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Pick<WorkspaceSummary, "name">) =>
      apiRequest<WorkspaceSummary>("/api/v1/workspace", { method: "PATCH", workspace: slug, body: input }),
    onSuccess: (workspace) => {
      client.setQueryData(queryKeys.workspace(slug), workspace);
      return client.invalidateQueries({ queryKey: queryKeys.workspaces() });
    },
  });
}
