import type { Scope } from "@/lib/db/tenant";

/**
 * Where a model's `credentialId` is turned into its API key: the workspace's
 * credentials (lib/credentials `getCredentialSecret(scope, id, { runId })`),
 * bound to the scope and run by the caller of `complete`.
 */
export interface ModelCredentials {
  /** The secret of the workspace credential `credentialId`; throws naming it when it is missing. */
  secret(credentialId: string): Promise<string>;
}

/** Reads a workspace credential's secret, recording its use by the run. */
export type CredentialSecretReader = (scope: Scope, credentialId: string, use: { runId?: string }) => Promise<string>;

// On globalThis so every bundle of the server sees the one registration.
const holder = globalThis as unknown as { loopllamaModelCredentialReader?: CredentialSecretReader };

/** Sets how model calls read workspace credentials (lib/credentials registers its reader). */
export function registerCredentialSecretReader(reader: CredentialSecretReader): void {
  holder.loopllamaModelCredentialReader = reader;
}

/**
 * The credentials a step's model call may use, for one workspace and run;
 * undefined while no reader is registered (a model naming a credential then
 * fails with a message saying it cannot be read).
 */
export function modelCredentialsFor(scope: Scope, runId?: string): ModelCredentials | undefined {
  const reader = holder.loopllamaModelCredentialReader;
  if (!reader) return undefined;
  return { secret: (credentialId) => reader(scope, credentialId, { runId }) };
}
