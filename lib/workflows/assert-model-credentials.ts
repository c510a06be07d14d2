import "server-only";
import { assertCredentialExists } from "@/lib/credentials/assert-credential-exists";
import type { Scope } from "@/lib/db/tenant";
import { toModelRef, type ModelRef } from "@/lib/models/model-ref";

/** A model field of a request: where it sits (`model`, `crew.1.model`, `graph.nodes.0.model`) and its value. */
export interface ModelField {
  field: string;
  model: string | ModelRef | null | undefined;
}

/**
 * Save-time check of every model that names a `credentialId`: the credential
 * must be this workspace's and hold a model key, else a 400 naming the field
 * (`model.credentialId`, `crew.1.model.credentialId`, …).
 */
export async function assertModelCredentials(scope: Scope, fields: ModelField[]): Promise<void> {
  for (const { field, model } of fields) {
    if (!model) continue;
    const ref = toModelRef(model);
    if (ref.credentialId) {
      await assertCredentialExists(scope, ref.credentialId, `${field}.credentialId`, ["anthropic", "openai"]);
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
