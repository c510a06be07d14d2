import type { Metadata } from "next";
import { Suspense } from "react";
import { BillingPage } from "@/components/billing/billing-page";

export const metadata: Metadata = { title: "Billing" };

export default function Page() {
  // Checkout returns here with ?checkout=success|cancelled.
  return (
    <Suspense>
      <BillingPage />
    </Suspense>
  );
}
