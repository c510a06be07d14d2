import "server-only";
import { badRequest } from "@/lib/http/errors";
import { modelBindingProblem } from "@/lib/credentials/binding";
import type { Scope } from "@/lib/db/tenant";
import { toModelRef, type ModelRef } from "@/lib/models/model-ref";

/** A model field of a request: where it sits (`model`, `crew.1.model`, `graph.nodes.0.model`) and its value. */
export interface ModelField {
  field: string;
  model: string | ModelRef | null | undefined;
}

/**
 * Save-time check of every model that names a `credentialId` (on create,
 * update, import, restore and a reflection's patch alike): the credential must
 * be this workspace's, a key of the model's provider, and bound to where the
 * model sends it, else a 400 naming the field (`model.credentialId`,
 * `crew.1.model.baseUrl`, …). So a member can use an admin's key only as the
 * admin bound it.
 */
export async function assertModelCredentials(scope: Scope, fields: ModelField[]): Promise<void> {
  const refs = fields.flatMap(({ field, model }) => (model ? [{ field, ref: toModelRef(model) }] : []));
  const ids = [...new Set(refs.flatMap(({ ref }) => (ref.credentialId ? [ref.credentialId] : [])))];
  if (ids.length === 0) return;
  const rows = await scope.db.credential.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, kind: true, baseUrl: true, hosts: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const { field, ref } of refs) {
    if (!ref.credentialId) continue;
    const binding = byId.get(ref.credentialId);
    const problem = binding
      ? modelBindingProblem(binding, ref)
      : { field: "credentialId" as const, message: `No credential with id ${ref.credentialId} in this workspace` };
    if (problem) {
      const at = `${field}.${problem.field}`;
      throw badRequest(`Invalid ${at}: ${problem.message}.`, [{ field: at, message: problem.message }]);
    }
  }
}

/** The model fields of a crew and of a graph's nodes, named as a request names them. */
export function modelFieldsOf(content: {
  crew?: readonly { model?: string | ModelRef }[] | null;
  graph?: { nodes: readonly { model?: string | ModelRef }[] } | null;
}): ModelField[] {
  return [
    ...(content.crew ?? []).map((agent, i) => ({ field: `crew.${i}.model`, model: agent.model })),
    ...(content.graph?.nodes ?? []).map((node, i) => ({ field: `graph.nodes.${i}.model`, model: node.model })),
  ];
}
