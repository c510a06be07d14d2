import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createCredential } from "@/lib/credentials/create-credential";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { createCredentialSchema } from "@/lib/credentials/schemas";

export const GET = withWorkspace(async ({ scope }) => json({ data: await listCredentials(scope) }), {
  permission: "credentials.manage",
});

/** Saves a secret encrypted; the answer (like every later one) shows only its last four characters. */
export const POST = withWorkspace(
  async ({ scope, caller, body }) =>
    json(await createCredential(scope, { ...body, createdById: caller.type === "user" ? caller.userId : null }), 201),
  { body: createCredentialSchema, permission: "credentials.manage", maxBodyBytes: 16 * 1024 },
);
