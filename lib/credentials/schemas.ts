import { z } from "zod";

export const MAX_CREDENTIALS_PER_WORKSPACE = 100;
export const MAX_CREDENTIAL_HOSTS = 20;

export const CREDENTIAL_KINDS = ["anthropic", "openai", "ollama", "http", "mcp", "daytona"] as const;
export type CredentialKindName = (typeof CREDENTIAL_KINDS)[number];

/** Kinds bound to one endpoint (`baseUrl`: a model endpoint, Daytona's API URL), and kinds bound to hosts (`hosts`). */
export const ENDPOINT_KINDS: readonly CredentialKindName[] = ["openai", "ollama", "daytona"];
export const HOST_KINDS: readonly CredentialKindName[] = ["http", "mcp"];

/** Secrets shorter than this show no last four characters: four would give too much away. */
export const MIN_SECRET_FOR_LAST_FOUR = 12;

const name = z.string().trim().min(1, "Name is required").max(80, "Use at most 80 characters");
// The value is never echoed: every message here names the field only.
const secret = z
  .string({ error: "Secret is required" })
  .trim()
  .min(1, "Secret is required")
  .max(8_000, "Use at most 8000 characters");

/** An endpoint as a binding keeps it: an http(s) URL without credentials, query or trailing slash. */
export const bindingBaseUrlSchema = z
  .string({ error: "baseUrl must be a URL" })
  .trim()
  .max(500, "Use at most 500 characters")
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "baseUrl must be an http or https URL")
  .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), "Put no credentials in baseUrl")
  .refine((u) => !URL.canParse(u) || (!new URL(u).search && !new URL(u).hash), "baseUrl takes no query or fragment")
  .transform(normalizeBaseUrl)
  .describe(
    "The only endpoint an openai, ollama or daytona key is sent to (a daytona key: its API URL); absent, the provider's own API.",
  );

const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const bindingHostsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .max(253, "Use at most 253 characters")
      .regex(HOST, "Use a host name such as api.example.com, or *.example.com for its subdomains"),
  )
  .min(1, "Name at least 1 host the token may be sent to")
  .max(MAX_CREDENTIAL_HOSTS, `At most ${MAX_CREDENTIAL_HOSTS} hosts`)
  .describe("Hosts an http or mcp token is sent to (`api.example.com`, `*.example.com`); nowhere else.");

/** Which binding a kind takes: a `baseUrl` (optional) for model keys of openai and ollama, `hosts` (required) for tokens. */
export function bindingProblems(
  kind: CredentialKindName,
  input: { baseUrl?: string | null; hosts?: string[] },
  creating: boolean,
): { field: "baseUrl" | "hosts"; message: string }[] {
  const problems: { field: "baseUrl" | "hosts"; message: string }[] = [];
  if (input.baseUrl != null && !ENDPOINT_KINDS.includes(kind)) {
    problems.push({ field: "baseUrl", message: `A ${kind} credential takes no baseUrl` });
  }
  if (input.hosts !== undefined && !HOST_KINDS.includes(kind)) {
    problems.push({
      field: "hosts",
      message: `A ${kind} credential is bound to its ${kind === "daytona" ? "API URL" : "model endpoint"}, not to hosts`,
    });
  }
  if (creating && input.hosts === undefined && HOST_KINDS.includes(kind)) {
    problems.push({ field: "hosts", message: `Name the hosts a ${kind} token may be sent to` });
  }
  return problems;
}

export const createCredentialSchema = z
  .strictObject({
    name,
    kind: z.enum(CREDENTIAL_KINDS, { error: `Use one of ${CREDENTIAL_KINDS.join(", ")}` }),
    secret,
    baseUrl: bindingBaseUrlSchema.optional(),
    hosts: bindingHostsSchema.optional(),
  })
  .superRefine((input, ctx) => {
    for (const p of bindingProblems(input.kind, input, true)) {
      ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
    }
  });
export type CreateCredentialInput = z.infer<typeof createCredentialSchema>;

/** PATCH renames or rebinds; a new secret goes through rotate. */
export const updateCredentialSchema = z
  .strictObject({
    name: name.optional(),
    baseUrl: bindingBaseUrlSchema.nullable().optional(),
    hosts: bindingHostsSchema.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, "Send name, baseUrl or hosts");
export type UpdateCredentialInput = z.infer<typeof updateCredentialSchema>;

/** `?view=reference`: names, kinds and bindings, for any member; without it, the admin's full list. */
export const listCredentialsQuerySchema = z.object({
  view: z
    .enum(["full", "reference"], { error: "Use view=reference for names and bindings, or leave view out" })
    .default("full")
    .describe("`reference`: id, name, kind and binding of each credential, readable by every member and API token."),
});

export const rotateCredentialSchema = z.strictObject({ secret });

export function lastFourOf(value: string): string {
  return value.length >= MIN_SECRET_FOR_LAST_FOUR ? value.slice(-4) : "";
}

/** `https://Gateway.example.com/v1/` → `https://gateway.example.com/v1`: one spelling per endpoint. */
export function normalizeBaseUrl(raw: string): string {
  if (!URL.canParse(raw.trim())) return raw.trim();
  const url = new URL(raw.trim());
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, "");
}
