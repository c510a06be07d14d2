import "server-only";
import { env } from "@/lib/env";

/** The billing page of a workspace, where Checkout and the portal send people back. */
export function billingPageUrl(slug: string, query = ""): string {
  return `${env().APP_URL.replace(/\/$/, "")}/w/${encodeURIComponent(slug)}/billing${query}`;
}
