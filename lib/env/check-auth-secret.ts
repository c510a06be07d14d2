type Env = Readonly<Record<string, string | undefined>>;

/**
 * The line a production server stops with when NEXTAUTH_SECRET is missing
 * (every page and sign-in would otherwise answer 500), or null when it may
 * start. Development signs with a fixed secret, so only production needs it.
 * Reads the given environment only, so the start-up script can call it
 * before anything else loads.
 */
export function checkAuthSecret(env: Env = process.env): string | null {
  if (env.NODE_ENV !== "production" || env.NEXTAUTH_SECRET?.trim()) return null;
  return "NEXTAUTH_SECRET is not set: the production server needs it to sign sessions. Set it to a long random string (e.g. `openssl rand -base64 32`) and start again.";
}
