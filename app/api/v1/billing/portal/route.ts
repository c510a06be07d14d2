import * as billing from "@/lib/api/operations/billing";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createPortalSession } from "@/lib/billing/create-portal-session";

/** Opens the Stripe customer portal (card, invoices, cancellation); the client redirects to `url`. */
export const POST = withWorkspace(billing.createPortalSession, async ({ scope }) =>
  json(await createPortalSession(scope)),
);
