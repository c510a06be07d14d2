import { AppError } from "@/lib/http/errors";

export const billingNotConfigured = () =>
  new AppError(
    503,
    "billing_not_configured",
    "Billing is not configured on this server: set STRIPE_SECRET_KEY and the STRIPE_PRICE_* variables.",
  );
