"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { auditEntrySchema, auditVerificationSchema } from "@/lib/audit/response-schemas";
import { apiRequest } from "./api-client";
import { pageUrl } from "./page-url";
import { queryKeys } from "./query-keys";

export type AuditEntry = z.output<typeof auditEntrySchema>;
export type AuditVerification = z.output<typeof auditVerificationSchema>;

/** The audit log, newest first, optionally of one action. */
export function useAuditLog(slug: string, action: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditLog(slug, action),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<{ data: AuditEntry[]; nextCursor: string | null }>(
        pageUrl("/api/v1/audit-log", 50, pageParam, { action }),
        { workspace: slug, signal },
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** Where the browser downloads the log as JSON Lines, with the page's filter (a plain link: it streams). */
export function auditExportUrl(slug: string, action: string): string {
  const params = new URLSearchParams({ workspace: slug });
  if (action) params.set("action", action);
  return `/api/v1/audit-log/export?${params.toString()}`;
}

/** Recomputes the chain on demand (`refetch`); nothing runs until asked. */
export function useAuditVerification(slug: string) {
  return useQuery({
    queryKey: queryKeys.auditVerification(slug),
    queryFn: ({ signal }) => apiRequest<AuditVerification>("/api/v1/audit-log/verify", { workspace: slug, signal }),
    enabled: false,
  });
}
