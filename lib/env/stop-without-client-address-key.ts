import { checkClientAddressKey } from "./check-client-address-key";

/** Ends the process with checkClientAddressKey's one line (exit 1) when a production server was started without scripts/serve.ts. */
export function stopWithoutClientAddressKey(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const problem = checkClientAddressKey(env);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
