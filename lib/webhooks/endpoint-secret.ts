import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/credentials/cipher";
import { credentialsKey } from "@/lib/credentials/key";

/** A Standard Webhooks secret: `whsec_` and the base64 of a 32-byte key. */
export const newEndpointSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** The secret as stored: encrypted like a credential, bound to its workspace. */
export const sealEndpointSecret = (workspaceId: string, secret: string) =>
  encryptSecret(credentialsKey(), workspaceId, secret);

export const openEndpointSecret = (workspaceId: string, stored: string) =>
  decryptSecret(credentialsKey(), workspaceId, stored);

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
