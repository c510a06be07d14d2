import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { CREDENTIAL_KINDS } from "./schemas";

/* What the credential endpoints return. No server code: the browser reads its types from here. */

export const credentialKindSchema = z.enum(CREDENTIAL_KINDS);

export const credentialResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: credentialKindSchema,
    lastFour: z
      .string()
      .describe(
        "The secret's last four characters, to tell credentials apart (empty for secrets under 12 characters).",
      ),
    baseUrl: z
      .string()
      .nullable()
      .describe("openai and ollama keys: the only endpoint the key is sent to (null: the provider's own API)."),
    hosts: z.array(z.string()).describe("http and mcp tokens: the hosts the token is sent to, and no others."),
    createdById: z.string().nullable(),
    lastUsedAt: dateTimeSchema.nullable(),
    lastUsedRunId: z.string().nullable().describe("The run that used it last, if a run did."),
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({
    id: "Credential",
    description: "A workspace secret (model API key, tool or MCP token). The secret itself is never returned.",
  });

export const credentialReferenceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: credentialKindSchema,
    baseUrl: z.string().nullable(),
    hosts: z.array(z.string()),
  })
  .meta({
    id: "CredentialReference",
    description: "What every member sees of a credential, to name it in a model or tool: never its secret.",
  });

/** DELETE /api/v1/credentials/{id}. */
export const credentialDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });
