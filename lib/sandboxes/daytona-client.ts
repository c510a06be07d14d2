import "server-only";
import { Daytona } from "@daytonaio/sdk";
import { allowPrivateToolEndpoints } from "@/lib/env";
import { BlockedAddressError, resolveChecked, type OutboundPolicy } from "@/lib/outbound/guarded-agent";
import type { SandboxConnection } from "./connection";
import { SandboxError } from "./errors";

/**
 * The SDK makes its requests with axios instances of its own (one per client and sandbox,
 * all from this factory) and takes no fetch or agent, so its connections cannot go through
 * lib/outbound's guarded agent. What we hold them to: no redirect is followed (a key and a
 * sandbox's files go only to the host asked), and each connection resolves its host with
 * the guarded path's address check and connects to the address it checked, so a name that
 * turns private after the check below (DNS rebinding) is refused at the connection.
 */
const sdkAxios = Daytona.createAxiosInstance.bind(Daytona);
Daytona.createAxiosInstance = (requestTimeoutMs?: number) => {
  const instance = sdkAxios(requestTimeoutMs);
  instance.defaults.maxRedirects = 0;
  instance.defaults.lookup = async (hostname: string) => {
    const [first] = await resolveChecked(hostname, policy());
    return { address: first!.address, family: first!.family === 6 ? 6 : 4 };
  };
  return instance;
};

function policy(): OutboundPolicy {
  return {
    purpose: "sandbox providers",
    allowPrivate: allowPrivateToolEndpoints(),
    hint: "(set ALLOW_PRIVATE_ENDPOINTS=1 for a provider on this machine or network)",
  };
}

/**
 * A Daytona client through the official SDK for one connection. Its API URL is one the
 * operator trusts (Daytona's own, DAYTONA_API_URL or DAYTONA_ALLOWED_API_URLS: see
 * lib/credentials/daytona-api-url.ts), so the toolbox URL that API answers with is taken
 * as Daytona's. Both hosts still pass the address check every outbound call passes
 * (public addresses only, unless ALLOW_PRIVATE_ENDPOINTS=1), before each use and at
 * each connection.
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
    await resolveChecked(hostname, policy());
  } catch (err) {
    if (err instanceof BlockedAddressError) throw new SandboxError(`Daytona: ${err.message}`);
    throw err;
  }
}

/** An SDK error as one line: its message, without the request it carried (which holds the key). */
export function sdkMessage(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0]!.slice(0, 500) : String(err).slice(0, 500);
}
