import "server-only";
import { allowPrivateEndpoints } from "@/lib/env";
import { badRequest } from "@/lib/http/errors";
import { BlockedAddressError, resolveChecked, type OutboundPolicy } from "@/lib/outbound/guarded-agent";

/** Where webhook deliveries may go: public addresses, unless the operator allows private ones. */
export function webhookPolicy(): OutboundPolicy {
  return {
    purpose: "webhook endpoints",
    allowPrivate: allowPrivateEndpoints(),
    hint: "unless the server sets ALLOW_PRIVATE_ENDPOINTS=1",
  };
}

/** Refuses, as a 400 on `url`, an endpoint whose host is (or resolves to) an address deliveries may not reach. */
export async function assertReachableUrl(url: string): Promise<void> {
  try {
    await resolveChecked(new URL(url).hostname, webhookPolicy());
  } catch (err) {
    if (!(err instanceof BlockedAddressError)) throw err;
    throw badRequest(`Invalid url: ${err.message}.`, [{ field: "url", message: err.message }]);
  }
}
