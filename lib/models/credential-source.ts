import { getCredentialSecret } from "@/lib/credentials/get-credential-secret";
import type { Scope } from "@/lib/db/tenant";

/**
 * Where a model's `credentialId` is turned into its API key: the workspace's
 * credentials, bound to the scope and run by the caller of `complete`.
 */
export interface ModelCredentials {
  /** The secret of the workspace credential `credentialId`; throws naming it when it is missing. */
  secret(credentialId: string): Promise<string>;
}

/**
 * The credentials a step's model call may use, for one workspace and run: a
 * model key (anthropic or openai kind), its use recorded against the run.
 */
export function modelCredentialsFor(scope: Scope, runId?: string): ModelCredentials {
  return {
    secret: (credentialId) => getCredentialSecret(scope, credentialId, { runId, kind: ["anthropic", "openai"] }),
  };
}
