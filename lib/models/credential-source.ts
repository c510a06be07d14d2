import { unlockCredential, type UnlockedCredential } from "@/lib/credentials/unlock-credential";
import type { Scope } from "@/lib/db/tenant";

/**
 * Where a model's `credentialId` is turned into its API key: the workspace's
 * credentials, bound to the scope and run by the caller of `complete`.
 */
export interface ModelCredentials {
  /** The workspace credential `credentialId` with its binding; throws naming it when it is missing. */
  unlock(credentialId: string): Promise<UnlockedCredential>;
}

/**
 * The credentials a step's model call may use, for one workspace and run: a
 * model key (anthropic, openai or ollama kind), its use recorded against the run.
 */
export function modelCredentialsFor(scope: Scope, runId?: string): ModelCredentials {
  return {
    unlock: (credentialId) => unlockCredential(scope, credentialId, { runId, kind: ["anthropic", "openai", "ollama"] }),
  };
}
