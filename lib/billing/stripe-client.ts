import "server-only";
import Stripe from "stripe";
import { stripeEnv, type StripeEnv } from "./stripe-env";

let cached: { key: string; base: string | undefined; client: Stripe } | undefined;

function options(e: StripeEnv): Stripe.StripeConfig {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: e.STRIPE_MAX_NETWORK_RETRIES,
    appInfo: { name: "LoopLlama" },
  };
  if (e.STRIPE_API_BASE) {
    const url = new URL(e.STRIPE_API_BASE);
    config.host = url.hostname;
    config.protocol = url.protocol === "http:" ? "http" : "https";
    config.port = url.port || (url.protocol === "http:" ? 80 : 443);
  }
  return config;
}

/** The Stripe SDK client, or null when STRIPE_SECRET_KEY is not set. */
export function stripeClient(): Stripe | null {
  const e = stripeEnv();
  if (!e.STRIPE_SECRET_KEY) return null;
  if (!cached || cached.key !== e.STRIPE_SECRET_KEY || cached.base !== e.STRIPE_API_BASE) {
    cached = { key: e.STRIPE_SECRET_KEY, base: e.STRIPE_API_BASE, client: new Stripe(e.STRIPE_SECRET_KEY, options(e)) };
  }
  return cached.client;
}

/** Webhook verification needs no API key: a client without one is enough. */
export function stripeWebhooks(): Stripe["webhooks"] {
  return (stripeClient() ?? new Stripe("sk_unset")).webhooks;
}
