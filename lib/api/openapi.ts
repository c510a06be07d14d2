import { isDeepStrictEqual } from "node:util";
import { z } from "zod";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the
 * routes validate with. Each operation is declared once, in
 * lib/api/openapi-operations/<domain>.ts. A schema with `.meta({ id })`
 * becomes a component (`#/components/schemas/<id>`); others are inlined.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

type JsonSchema = Record<string, unknown>;

export interface ApiResponse {
  description: string;
  /** Omit for an empty body (204). */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface ApiHeader {
  name: string;
  description: string;
  schema: z.ZodType;
  required?: boolean;
}

export interface ApiOperation {
  method: HttpMethod;
  /** With `{param}` placeholders, e.g. /api/v1/workflows/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** false for routes that need no token or session. */
  auth?: boolean;
  /** Descriptions of the path parameters (every `{param}` is declared either way). */
  pathParams?: Record<string, string>;
  query?: z.ZodType;
  headers?: ApiHeader[];
  body?: z.ZodType;
  responses: Record<number, ApiResponse>;
  /**
   * Error statuses besides those every operation of its kind has: 503 always,
   * 401 when authenticated, 400 with a body, query or path parameter, 413 with a body.
   */
  errors?: number[];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; `details` names each field and why.",
  401: "No, invalid, expired or revoked token or session.",
  402: "The plan's monthly allowance is used up.",
  403: "The caller's role does not allow this.",
  404: "Not found, or in another workspace.",
  409: "Conflicts with the current state.",
  413: "Request or input too large.",
  429: "Rate limited; see the Retry-After header.",
  503: "The database is saturated; try again after the Retry-After header's seconds.",
};

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Machine-readable code, e.g. invalid_request, not_found, conflict."),
      message: z.string(),
      details: z
        .unknown()
        .optional()
        .describe(
          "For 400: `[{ field, message }]`, e.g. field `crew.0.role`; for 429 and 503: `{ retryAfterSeconds }`.",
        ),
    }),
  })
  .meta({ id: "Error", description: "Every error response has this shape." });

const REF_PREFIX = "#/components/schemas/";

function rewriteRefs(value: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")
          ? REF_PREFIX + rename(v.slice(8))
          : rewriteRefs(v, rename);
    }
    return out;
  }
  return value;
}

function refsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) out.add(v.slice(8));
      else refsIn(v, out);
    }
  }
  return out;
}

/** The ids of `defs`, each after the ids it refers to (cycles are cut). */
function dependencyOrder(defs: Record<string, unknown>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !(id in defs)) return;
    seen.add(id);
    refsIn(defs[id]).forEach(visit);
    order.push(id);
  };
  Object.keys(defs).forEach(visit);
  return order;
}

/** Collects component schemas; a schema whose request and response forms differ gets an `…Output` twin. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
    const { $defs, $schema: _dialect, ...root } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const defs = $defs ?? {};
    // A response form that differs from an already-collected request form of the
    // same id becomes `<id>Output` (and so do the schemas that refer to it).
    const names = new Map<string, string>(Object.keys(defs).map((id) => [id, id]));
    if (io === "output") {
      // Dependencies first, so a schema is compared with its refs already renamed.
      for (const id of dependencyOrder(defs)) {
        const existing = this.schemas[id];
        const rewritten = rewriteRefs(defs[id], (x) => names.get(x) ?? x);
        if (existing && !isDeepStrictEqual(existing, rewritten)) names.set(id, `${id}Output`);
      }
    }
    const rename = (id: string) => names.get(id) ?? id;
    for (const [id, def] of Object.entries($defs ?? {})) {
      const name = rename(id);
      const rewritten = rewriteRefs(def, rename) as JsonSchema;
      const existing = this.schemas[name];
      if (existing && !isDeepStrictEqual(existing, rewritten)) {
        throw new Error(`OpenAPI: two different schemas are named "${name}"; give one another id.`);
      }
      this.schemas[name] = rewritten;
    }
    return rewriteRefs(root, rename) as JsonSchema;
  }
}

const pathParamNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

function queryParameters(components: Components, query: z.ZodType) {
  const json = components.convert(query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: "query",
      required: json.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operationObject(components: Components, op: ApiOperation) {
  const auth = op.auth ?? true;
  const parameters: unknown[] = pathParamNames(op.path).map((name) => ({
    name,
    in: "path",
    required: true,
    ...(op.pathParams?.[name] ? { description: op.pathParams[name] } : {}),
    schema: { type: "string" },
  }));
  if (op.query) parameters.push(...queryParameters(components, op.query));
  for (const h of op.headers ?? []) {
    parameters.push({
      name: h.name,
      in: "header",
      required: h.required ?? false,
      description: h.description,
      schema: components.convert(h.schema, "input"),
    });
  }

  const responses: Record<string, unknown> = {};
  for (const [status, res] of Object.entries(op.responses)) {
    responses[status] = {
      description: res.description,
      ...(res.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([name, h]) => [
                name,
                { description: h.description, schema: components.convert(h.schema, "output") },
              ]),
            ),
          }
        : {}),
      ...(res.schema
        ? { content: { [res.contentType ?? "application/json"]: { schema: components.convert(res.schema, "output") } } }
        : {}),
    };
  }
  const errors = new Set([
    ...(auth ? [401] : []),
    ...(op.body || op.query || pathParamNames(op.path).length ? [400] : []),
    ...(op.body ? [413] : []),
    ...(op.errors ?? []),
    503,
  ]);
  for (const status of [...errors].sort((a, b) => a - b)) {
    responses[String(status)] ??= {
      description: ERROR_DESCRIPTIONS[status] ?? "Error.",
      content: { "application/json": { schema: components.convert(errorSchema, "output") } },
    };
  }

  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(auth ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: components.convert(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

export interface OpenApiOptions {
  /** Absolute URL of the server, e.g. https://loopllama.example.com. */
  serverUrl?: string;
  version?: string;
}

/** Builds the document; throws if two operations share a method and path or an operationId. */
export function buildOpenApiDocument(operations: readonly ApiOperation[], options: OpenApiOptions = {}) {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();
  // Request schemas first, so a schema used both ways keeps its plain name in its request form.
  for (const op of operations) {
    for (const schema of [op.body, op.query, ...(op.headers ?? []).map((h) => h.schema)]) {
      if (schema) components.convert(schema, "input");
    }
  }
  for (const op of operations) {
    if (ids.has(op.operationId)) throw new Error(`OpenAPI: duplicate operationId ${op.operationId}`);
    ids.add(op.operationId);
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} is declared twice`);
    item[op.method] = operationObject(components, op);
  }
  const tags = [...new Set(operations.map((op) => op.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "LoopLlama API",
      version: options.version ?? "1.0.0",
      description:
        "Build crews of LLM agents, run them and watch every step. Authenticate with `Authorization: Bearer ll_…` " +
        "(an API token, bound to its workspace) or a dashboard session (pick the workspace with the `X-Workspace` header). " +
        "Errors have one shape: `{ error: { code, message, details? } }`.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags,
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API token (`ll_…`) created under Settings → API tokens.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "A dashboard session.",
        },
      },
    },
  };
}
export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
