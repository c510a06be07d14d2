"use client";

import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { compareRunsResponseSchema } from "@/lib/runs/forks/compare-schemas";
import { apiRequest } from "./api-client";
import { runKeys } from "./use-runs";

/** What GET /api/v1/runs/{a}/compare/{b} answers. */
export type RunComparison = z.output<typeof compareRunsResponseSchema>;

/** Two runs of one workflow side by side, step by step. Refetched while `live` (a run still in flight). */
export function useRunComparison(slug: string, a: string, b: string, { live = false }: { live?: boolean } = {}) {
  return useQuery({
    queryKey: [...runKeys.detail(slug, a), "compare", b] as const,
    queryFn: ({ signal }) =>
      apiRequest<RunComparison>(`/api/v1/runs/${encodeURIComponent(a)}/compare/${encodeURIComponent(b)}`, {
        workspace: slug,
        signal,
      }),
    refetchInterval: live ? 3000 : false,
  });
}
