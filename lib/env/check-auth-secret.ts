/**
 * The line the production server stops with when NEXTAUTH_SECRET is missing
 * (every page and sign-in would otherwise answer 500), or null when it may
 * start. Only `next start` needs it: `next dev` signs with a fixed
 * development secret. Reads the given environment only, so the start-up
 * script can call it before anything else loads.
 */
export function checkAuthSecret(
  command: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const [bin = "", subcommand] = command;
  const nextStart = bin.split("/").pop() === "next" && subcommand === "start";
  const production = nextStart || env.NODE_ENV === "production";
  if (!production || env.NEXTAUTH_SECRET?.trim()) return null;
  return "NEXTAUTH_SECRET is not set: the production server needs it to sign sessions. Set it to a long random string (e.g. `openssl rand -base64 32`) and start again.";
}
