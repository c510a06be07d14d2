/**
 * Where a model's `credentialId` is turned into its API key: the workspace's
 * credentials (lib/credentials `getCredentialSecret(scope, id, { runId })`),
 * bound to the scope and run by the caller of `complete`.
 */
export interface ModelCredentials {
  /** The secret of the workspace credential `credentialId`; throws naming it when it is missing. */
  secret(credentialId: string): Promise<string>;
}
