import { checkCredentialsKey } from "./check-credentials-key";

/** Ends the process with checkCredentialsKey's one line (exit 1) when the server has no usable CREDENTIALS_KEY. */
export function stopWithoutCredentialsKey(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const problem = checkCredentialsKey(env);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
