"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { checkoutBodySchema, sessionUrlSchema } from "@/lib/billing/schemas";
import { apiRequest } from "./api-client";
import type { BillingOverview, MonthlyUsage } from "./billing-types";
import { queryKeys } from "./query-keys";

type SessionUrl = z.output<typeof sessionUrlSchema>;

/** Polls this often after Checkout until Stripe's webhook has moved the plan off Free (for about a minute). */
const AWAIT_UPGRADE_MS = 2_000;
const AWAIT_UPGRADE_POLLS = 30;

export function useBilling(slug: string, options: { awaitUpgrade?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.billing(slug),
    queryFn: ({ signal }) => apiRequest<BillingOverview>("/api/v1/billing", { workspace: slug, signal }),
    refetchInterval: (query) =>
      options.awaitUpgrade && query.state.data?.plan === "free" && query.state.dataUpdateCount < AWAIT_UPGRADE_POLLS
        ? AWAIT_UPGRADE_MS
        : false,
  });
}

export function useUsage(slug: string, month: string) {
  return useQuery({
    queryKey: queryKeys.usage(slug, month),
    queryFn: ({ signal }) =>
      apiRequest<MonthlyUsage>(`/api/v1/usage?month=${encodeURIComponent(month)}`, { workspace: slug, signal }),
  });
}

/** Opens Stripe Checkout or the customer portal: the answer is a URL to go to. */
export function useBillingRedirect(slug: string) {
  return useMutation({
    mutationFn: (target: ({ kind: "checkout" } & z.input<typeof checkoutBodySchema>) | { kind: "portal" }) =>
      target.kind === "checkout"
        ? apiRequest<SessionUrl>("/api/v1/billing/checkout", {
            method: "POST",
            workspace: slug,
            body: { plan: target.plan },
          })
        : apiRequest<SessionUrl>("/api/v1/billing/portal", { method: "POST", workspace: slug }),
    onSuccess: ({ url }) => {
      window.location.assign(url);
    },
  });
}

/** Abandons the open Checkout (after the user came back from it cancelled), so another plan can be chosen at once. */
export function useCancelCheckout(slug: string) {
  return useMutation({
    mutationFn: () => apiRequest<void>("/api/v1/billing/checkout", { method: "DELETE", workspace: slug }),
  });
}
