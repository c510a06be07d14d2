import "server-only";
import { badRequest, notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { DAYTONA_DEFAULT_API_URL, daytonaApiUrlProblem } from "./daytona-api-url";
import { credentialPublicFields, nameTaken } from "./public-fields";
import { bindingProblems, type UpdateCredentialInput } from "./schemas";

/**
 * Renames a credential or changes where it may go (owners and admins only,
 * like every credential route). Its secret stays; references to it stay, and
 * each use is checked against the new binding when it happens.
 */
export async function updateCredential(scope: Scope, actor: AuditActor, id: string, input: UpdateCredentialInput) {
  const row = await scope.db.credential.findFirst({ where: { id }, select: { kind: true } });
  if (!row) throw notFound("Credential");
  const problems = bindingProblems(row.kind, input, false);
  if (row.kind === "daytona" && input.baseUrl !== undefined) {
    const problem = daytonaApiUrlProblem(input.baseUrl ?? DAYTONA_DEFAULT_API_URL);
    if (problem) problems.push({ field: "baseUrl", message: problem });
  }
  const first = problems[0];
  if (first) throw badRequest(`Invalid ${first.field}: ${first.message}.`, problems);
  try {
    return await auditedWrite(
      scope,
      actor,
      async (tx) => {
        const { count } = await tx.credential.updateMany({
          where: { id },
          data: {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
            ...(input.hosts !== undefined ? { hosts: input.hosts } : {}),
          },
        });
        if (count === 0) throw notFound("Credential");
        return tx.credential.findFirstOrThrow({ where: { id }, select: credentialPublicFields });
      },
      () => ({
        action: "credential.updated",
        target: { type: "credential", id },
        details: { fields: Object.keys(input) },
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err) && input.name) throw nameTaken(input.name);
    throw err;
  }
}
