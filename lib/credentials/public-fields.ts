import { conflict } from "@/lib/http/errors";

/** What the API shows of a credential: never the secret or its ciphertext. */
export const credentialPublicFields = {
  id: true,
  name: true,
  kind: true,
  lastFour: true,
  baseUrl: true,
  hosts: true,
  createdById: true,
  lastUsedAt: true,
  lastUsedRunId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const nameTaken = (name: string) =>
  conflict(`A credential named "${name}" already exists in this workspace.`, [
    { field: "name", message: "Already in use" },
  ]);
