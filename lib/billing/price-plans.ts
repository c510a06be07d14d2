import "server-only";
import type { Plan } from "@/lib/generated/prisma/enums";
import { stripeEnv, type StripeEnv } from "./stripe-env";

export type PaidPlan = Exclude<Plan, "free">;

export interface PlanPrices {
  base: string;
  overage: string;
}

/** The Stripe prices of a paid plan, or null when they are not configured. */
export function planPrices(plan: PaidPlan, e: StripeEnv = stripeEnv()): PlanPrices | null {
  const base = plan === "pro" ? e.STRIPE_PRICE_PRO : e.STRIPE_PRICE_TEAM;
  const overage = plan === "pro" ? e.STRIPE_PRICE_OVERAGE_PRO : e.STRIPE_PRICE_OVERAGE_TEAM;
  return base && overage ? { base, overage } : null;
}

/** Which plan a subscription's prices stand for (base or overage price), or null. */
export function planForPrices(priceIds: string[], e: StripeEnv = stripeEnv()): PaidPlan | null {
  for (const plan of ["team", "pro"] as const) {
    const prices = [
      plan === "pro" ? e.STRIPE_PRICE_PRO : e.STRIPE_PRICE_TEAM,
      plan === "pro" ? e.STRIPE_PRICE_OVERAGE_PRO : e.STRIPE_PRICE_OVERAGE_TEAM,
    ];
    if (priceIds.some((id) => prices.includes(id))) return plan;
  }
  return null;
}
