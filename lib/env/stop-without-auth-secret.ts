import { checkAuthSecret } from "./check-auth-secret";

/** Ends the process with checkAuthSecret's one line (exit 1) when a production server has no NEXTAUTH_SECRET. */
export function stopWithoutAuthSecret(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const problem = checkAuthSecret(env);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
