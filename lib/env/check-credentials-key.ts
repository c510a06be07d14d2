type Env = Readonly<Record<string, string | undefined>>;

/** The 32-byte key CREDENTIALS_KEY holds (64 hex digits or base64), or null when it is not one. */
export function parseCredentialsKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length === 32) return key;
  }
  return null;
}

/**
 * The line a server stops with when CREDENTIALS_KEY is unusable: set but not a
 * 32-byte key (anywhere), or missing in production (development generates one
 * beside the embedded database). Null when it may start. Reads the given
 * environment only, so the start-up script can call it before anything loads.
 */
export function checkCredentialsKey(env: Env = process.env): string | null {
  const value = env.CREDENTIALS_KEY;
  if (value?.trim()) {
    if (parseCredentialsKey(value)) return null;
    return "CREDENTIALS_KEY is not a 32-byte key: set it to 64 hex digits or 32 bytes in base64 (e.g. `openssl rand -base64 32`) and start again.";
  }
  if (env.NODE_ENV !== "production") return null;
  return "CREDENTIALS_KEY is not set: the production server needs it to encrypt workspace credentials. Set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`), keep it safe, and start again.";
}
