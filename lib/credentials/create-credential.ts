import "server-only";
import { AppError, badRequest } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { encryptSecret } from "./cipher";
import { DAYTONA_DEFAULT_API_URL, daytonaApiUrlProblem } from "./daytona-api-url";
import { credentialsKey } from "./key";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { credentialPublicFields, nameTaken } from "./public-fields";
import { lastFourOf, MAX_CREDENTIALS_PER_WORKSPACE, type CreateCredentialInput } from "./schemas";

/**
 * Saves a secret encrypted for this workspace, bound to where it may go (a
 * model key's endpoint, a token's hosts); the answer shows its name, kind,
 * binding and last four only.
 */
export async function createCredential(
  scope: Scope,
  actor: AuditActor,
  input: CreateCredentialInput & { createdById: string | null },
) {
  const { workspaceId } = scope;
  if (input.kind === "daytona") {
    const problem = daytonaApiUrlProblem(input.baseUrl ?? DAYTONA_DEFAULT_API_URL);
    if (problem) throw badRequest(`Invalid baseUrl: ${problem}.`, [{ field: "baseUrl", message: problem }]);
  }
  const count = await scope.db.credential.count();
  if (count >= MAX_CREDENTIALS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_CREDENTIALS_PER_WORKSPACE} credentials; delete one first.`,
    );
  }
  try {
    return await auditedWrite(
      scope,
      actor,
      (tx) =>
        tx.credential.create({
          data: {
            workspaceId,
            name: input.name,
            kind: input.kind,
            ciphertext: encryptSecret(credentialsKey(), workspaceId, input.secret),
            lastFour: lastFourOf(input.secret),
            baseUrl: input.baseUrl ?? null,
            hosts: input.hosts ?? [],
            createdById: input.createdById,
          },
          select: credentialPublicFields,
        }),
      (created) => ({
        action: "credential.created",
        target: { type: "credential", id: created.id },
        details: { name: created.name, kind: created.kind },
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}
