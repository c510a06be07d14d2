import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "v1";

/** The authenticated data a secret is bound to: its workspace. */
const aad = (workspaceId: string) => Buffer.from(`loopllama:credential:${workspaceId}`, "utf8");

/**
 * Encrypts a secret with AES-256-GCM under `key`, with a fresh IV and the
 * workspace id as additional authenticated data: the result decrypts only in
 * that workspace. Stored as `v1:` + base64(IV | tag | ciphertext).
 */
export function encryptSecret(key: Buffer, workspaceId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(workspaceId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** The secret `encryptSecret` sealed; throws when the key, the workspace or any byte differs. */
export function decryptSecret(key: Buffer, workspaceId: string, stored: string): string {
  const [version, payload] = stored.split(":", 2);
  if (version !== VERSION || !payload) throw new Error("Unknown credential format.");
  const raw = Buffer.from(payload, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("Credential ciphertext is truncated.");
  const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(workspaceId));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
