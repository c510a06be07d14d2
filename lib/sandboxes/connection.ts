import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import { DAYTONA_DEFAULT_API_URL, daytonaApiUrlProblem } from "@/lib/credentials/daytona-api-url";
import { SandboxError } from "./errors";

/** Where a sandbox provider's API is and the key it takes. */
export interface SandboxConnection {
  apiKey: string;
  apiUrl: string;
  /** The workspace's daytona credential; null: the server's DAYTONA_API_KEY. */
  credentialId: string | null;
}

/**
 * The connection through a workspace's daytona credential (its key, sent only to its API URL),
 * or the server's. An API URL the operator does not trust (a credential saved before it was
 * refused, or a list since shortened) is refused here, before anything is sent.
 */
export async function sandboxConnection(
  scope: Scope,
  credentialId: string | null,
  runId?: string,
): Promise<SandboxConnection | null> {
  if (credentialId) {
    const credential = await unlockCredential(scope, credentialId, { kind: "daytona", ...(runId ? { runId } : {}) });
    const apiUrl = credential.baseUrl ?? DAYTONA_DEFAULT_API_URL;
    const problem = daytonaApiUrlProblem(apiUrl);
    if (problem) throw new SandboxError(`Daytona credential "${credential.name}": ${problem}`);
    return { apiKey: credential.secret, apiUrl, credentialId };
  }
  const e = env();
  if (!e.DAYTONA_API_KEY) return null;
  const problem = daytonaApiUrlProblem(e.DAYTONA_API_URL);
  if (problem) throw new SandboxError(`DAYTONA_API_URL: ${problem}`);
  return { apiKey: e.DAYTONA_API_KEY, apiUrl: e.DAYTONA_API_URL, credentialId: null };
}

/**
 * The sandbox provider a workspace's runs use: its newest daytona credential, else the
 * server's DAYTONA_API_KEY; null when neither is configured.
 */
export async function findSandboxConnection(scope: Scope, runId?: string): Promise<SandboxConnection | null> {
  const credential = await scope.db.credential.findFirst({
    where: { kind: "daytona" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return sandboxConnection(scope, credential?.id ?? null, runId);
}

/** Whether the workspace has a sandbox provider: what compile and push ask before warning. */
export async function sandboxProvidersOf(scope: Scope): Promise<string[]> {
  if (env().DAYTONA_API_KEY) return ["daytona"];
  const found = await scope.db.credential.findFirst({ where: { kind: "daytona" }, select: { id: true } });
  return found ? ["daytona"] : [];
}
