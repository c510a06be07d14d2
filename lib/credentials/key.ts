import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { checkCredentialsKey, parseCredentialsKey } from "@/lib/env/check-credentials-key";

/** Where development keeps its generated key: beside the embedded database's data. */
export const DEV_KEY_FILE = ".data/credentials.key";

type KeyOptions = { env?: Readonly<Record<string, string | undefined>>; keyFile?: string };

/**
 * Reads the key in the file, or creates the file (mode 0600) with a new random
 * key when there is none. The exclusive create means two processes starting
 * at once end with the same key.
 */
function devKey(file: string): Buffer {
  const read = () => {
    const key = parseCredentialsKey(readFileSync(file, "utf8"));
    if (!key)
      throw new Error(`${file} does not hold a 32-byte key; delete it only if no credential was saved with it.`);
    return key;
  };
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return read();
}

/**
 * The key that encrypts credentials: CREDENTIALS_KEY, or outside production a
 * key generated once into .data/credentials.key. Production without a key
 * throws checkCredentialsKey's line (the server refuses to start earlier).
 */
export function loadCredentialsKey({ env = process.env, keyFile = DEV_KEY_FILE }: KeyOptions = {}): Buffer {
  const problem = checkCredentialsKey(env);
  if (problem) throw new Error(problem);
  if (env.CREDENTIALS_KEY?.trim()) return parseCredentialsKey(env.CREDENTIALS_KEY)!;
  return devKey(path.resolve(keyFile));
}

let cached: { source: string | undefined; key: Buffer } | undefined;

/** The process's key, from lib/env, read once (again after `resetEnv` with another CREDENTIALS_KEY). */
export function credentialsKey(): Buffer {
  const { CREDENTIALS_KEY, NODE_ENV } = env();
  if (!cached || cached.source !== CREDENTIALS_KEY) {
    cached = { source: CREDENTIALS_KEY, key: loadCredentialsKey({ env: { CREDENTIALS_KEY, NODE_ENV } }) };
  }
  return cached.key;
}
