import { checkAuthSecret } from "./check-auth-secret";

/** Ends the process with checkAuthSecret's one line (exit 1) when the production server has no NEXTAUTH_SECRET. */
export function stopWithoutAuthSecret(command: readonly string[]): void {
  const problem = checkAuthSecret(command);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
