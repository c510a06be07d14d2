/** A sandbox that could not be created, reached or used; its message names what and why. */
export class SandboxError extends Error {
  override name = "SandboxError";
}
