import "server-only";
import { z } from "zod";
import { envReader } from "@/lib/env/env-reader";

/**
 * Stripe settings, read and validated once. Without STRIPE_SECRET_KEY billing is
 * "not configured": usage and plan limits still work, the billing controls say so.
 */
const schema = z.object({
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_PRICE_PRO: z.string().min(1).optional(),
  STRIPE_PRICE_TEAM: z.string().min(1).optional(),
  STRIPE_PRICE_OVERAGE_PRO: z.string().min(1).optional(),
  STRIPE_PRICE_OVERAGE_TEAM: z.string().min(1).optional(),
  STRIPE_METER_EVENT_NAME: z.string().min(1).max(100).default("workflow_steps"),
  /** e.g. http://127.0.0.1:12111 — points the SDK at another server (tests, stripe-mock). */
  STRIPE_API_BASE: z.string().url().optional(),
  STRIPE_MAX_NETWORK_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
});

export type StripeEnv = z.infer<typeof schema>;

const reader = envReader(schema, "Stripe environment");

export const stripeEnv = (): StripeEnv => reader.read();

/** Tests change the environment between cases. */
export const resetStripeEnv = (): void => reader.reset();

/** Checkout needs the key and the base and overage prices of both paid plans. */
export function billingConfigured(e: StripeEnv = stripeEnv()): boolean {
  return Boolean(
    e.STRIPE_SECRET_KEY &&
    e.STRIPE_PRICE_PRO &&
    e.STRIPE_PRICE_TEAM &&
    e.STRIPE_PRICE_OVERAGE_PRO &&
    e.STRIPE_PRICE_OVERAGE_TEAM,
  );
}
