"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { pageUrl } from "./page-url";
import type { z } from "zod";
import type { stepInputResponseSchema } from "@/lib/runs/response-schemas";
import type { ListRunsQuery } from "@/lib/runs/schemas";
import { isTerminal, type Page, type Run, type RunSummary } from "./workflow-types";

/** The list's filters, as GET /api/v1/runs takes them. */
export type RunFilters = Pick<ListRunsQuery, "workflowId" | "status">;

export const runKeys = {
  lists: (slug: string) => ["workspace", slug, "runs", "list"] as const,
  list: (slug: string, filters: RunFilters, limit: number) =>
    ["workspace", slug, "runs", "list", filters, limit] as const,
  detail: (slug: string, id: string) => ["workspace", slug, "runs", "detail", id] as const,
  forks: (slug: string, id: string) => ["workspace", slug, "runs", "list", "forks", id] as const,
  stepInput: (slug: string, id: string, stepId: string) =>
    ["workspace", slug, "runs", "detail", id, "input", stepId] as const,
};

function listUrl(filters: RunFilters, limit: number, cursor: string): string {
  return pageUrl("/api/v1/runs", limit, cursor, { workflowId: filters.workflowId, status: filters.status });
}

/** Runs newest first, a page at a time ("load more"). */
export function useRuns(slug: string, filters: RunFilters, limit = 25) {
  return useInfiniteQuery({
    queryKey: runKeys.list(slug, filters, limit),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<RunSummary>>(listUrl(filters, limit, pageParam), { workspace: slug, signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Runs in flight change status; keep a list with any of them fresh.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.data.some((r) => !isTerminal(r.status))) ? 3000 : false,
  });
}

/** The newest forks of a run (GET /api/v1/runs?forkedFrom=), kept fresh while any of them is in flight. */
export function useRunForks(slug: string, id: string, limit = 20) {
  return useQuery({
    queryKey: runKeys.forks(slug, id),
    queryFn: ({ signal }) =>
      apiRequest<Page<RunSummary>>(pageUrl("/api/v1/runs", limit, "", { forkedFrom: id }), { workspace: slug, signal }),
    refetchInterval: (query) => (query.state.data?.data.some((r) => !isTerminal(r.status)) ? 3000 : false),
  });
}

/**
 * One run with its steps. `poll` makes it refetch every second until the run
 * ends: the fallback when the live event stream is not available.
 */
export function useRun(
  slug: string,
  id: string,
  { poll = false, initialData }: { poll?: boolean; initialData?: Run } = {},
) {
  return useQuery({
    queryKey: runKeys.detail(slug, id),
    // A run the page was rendered with (the same JSON as the API's).
    initialData,
    queryFn: ({ signal }) => apiRequest<Run>(`/api/v1/runs/${encodeURIComponent(id)}`, { workspace: slug, signal }),
    refetchInterval: (query) => (poll && query.state.data && !isTerminal(query.state.data.status) ? 1000 : false),
  });
}

/**
 * One step's full input, fetched only while `enabled` (the transcript asks
 * when the step's input is opened). The browser revalidates with the ETag, so
 * a repeated fetch of an unchanged input is a 304.
 */
export function useStepInput(slug: string, id: string, stepId: string, enabled: boolean) {
  return useQuery({
    queryKey: runKeys.stepInput(slug, id, stepId),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest<z.output<typeof stepInputResponseSchema>>(
        `/api/v1/runs/${encodeURIComponent(id)}/steps/${encodeURIComponent(stepId)}/input`,
        { workspace: slug, signal },
      ),
    // Once sent, an input never changes.
    staleTime: (query) => (query.state.data?.input ? Infinity : 0),
  });
}

export function useCancelRun(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<Run>(`/api/v1/runs/${encodeURIComponent(id)}/cancel`, { method: "POST", workspace: slug }),
    onSuccess: (run) => {
      client.setQueryData(runKeys.detail(slug, id), run);
      return client.invalidateQueries({ queryKey: runKeys.lists(slug) });
    },
  });
}
