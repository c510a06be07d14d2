import { z } from "zod";

export const MAX_CREDENTIALS_PER_WORKSPACE = 100;

export const CREDENTIAL_KINDS = ["anthropic", "openai", "http", "mcp"] as const;
export type CredentialKindName = (typeof CREDENTIAL_KINDS)[number];

/** Secrets shorter than this show no last four characters: four would give too much away. */
export const MIN_SECRET_FOR_LAST_FOUR = 12;

const name = z.string().trim().min(1, "Name is required").max(80, "Use at most 80 characters");
// The value is never echoed: every message here names the field only.
const secret = z
  .string({ error: "Secret is required" })
  .trim()
  .min(1, "Secret is required")
  .max(8_000, "Use at most 8000 characters");

export const createCredentialSchema = z.strictObject({
  name,
  kind: z.enum(CREDENTIAL_KINDS, { error: `Use one of ${CREDENTIAL_KINDS.join(", ")}` }),
  secret,
});
export type CreateCredentialInput = z.infer<typeof createCredentialSchema>;

/** PATCH renames only; a new secret goes through rotate. */
export const renameCredentialSchema = z.strictObject({ name });

export const rotateCredentialSchema = z.strictObject({ secret });

export function lastFourOf(value: string): string {
  return value.length >= MIN_SECRET_FOR_LAST_FOUR ? value.slice(-4) : "";
}
