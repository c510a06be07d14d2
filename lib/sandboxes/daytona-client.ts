import "server-only";
import { Daytona } from "@daytonaio/sdk";
import { allowPrivateToolEndpoints } from "@/lib/env";
import { BlockedAddressError, resolveChecked } from "@/lib/outbound/guarded-agent";
import type { SandboxConnection } from "./connection";
import { SandboxError } from "./errors";

/**
 * A Daytona client through the official SDK for one connection. The SDK makes its
 * requests with an axios instance of its own and takes no fetch or agent, so its
 * connections cannot go through lib/outbound's guarded agent. What we can hold it to:
 * the key goes only to the API URL its credential is bound to, and that host (and the
 * toolbox host the API names, see assertToolboxHost) must pass the same address check as
 * every outbound call (public addresses only, unless ALLOW_PRIVATE_ENDPOINTS=1),
 * checked just before each use.
 */
export async function openDaytona(connection: SandboxConnection): Promise<Daytona> {
  await checkHost(new URL(connection.apiUrl).hostname);
  return new Daytona({
    apiKey: connection.apiKey,
    apiUrl: connection.apiUrl,
    // State is read by polling the API: no WebSocket connection to a second endpoint.
    useDeprecatedPolling: true,
  });
}

/** The toolbox (commands, files) is reached at a URL the API answers with: checked like the API's host. */
export async function assertToolboxHost(toolboxProxyUrl: string | undefined): Promise<void> {
  if (toolboxProxyUrl) await checkHost(new URL(toolboxProxyUrl).hostname);
}

async function checkHost(hostname: string): Promise<void> {
  try {
    await resolveChecked(hostname, {
      purpose: "sandbox providers",
      allowPrivate: allowPrivateToolEndpoints(),
      hint: "(set ALLOW_PRIVATE_ENDPOINTS=1 for a provider on this machine or network)",
    });
  } catch (err) {
    if (err instanceof BlockedAddressError) throw new SandboxError(`Daytona: ${err.message}`);
    throw err;
  }
}

/** An SDK error as one line: its message, without the request it carried (which holds the key). */
export function sdkMessage(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0]!.slice(0, 500) : String(err).slice(0, 500);
}
