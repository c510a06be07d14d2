import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the
 * routes validate with. Each operation is declared once, in
 * lib/api/operations/<domain>.ts. In responses, a schema with
 * `.meta({ id })` becomes a component (`#/components/schemas/<id>`); a request
 * body with an id becomes `#/components/requestBodies/<id>`; the rest is inlined.
 */

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; `details` names each field and why.",
  401: "No, invalid, expired or revoked token or session.",
  402: "The plan's monthly allowance is used up.",
  403: "The caller's role does not allow this.",
  404: "Not found, or in another workspace.",
  409: "Conflicts with the current state.",
  413: "Request or input too large.",
  429: "Rate limited; see the Retry-After header.",
  502: "A service the request needs (Stripe) failed; `message` says how.",
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

/** `value` with zod's `#/$defs/<id>` references pointed at `#/components/schemas/<id>`. */
function componentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(componentRefs);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/") ? REF_PREFIX + v.slice(8) : componentRefs(v),
    ]),
  );
}

/** zod's JSON Schema of `schema`, split into its root and the `$defs` it refers to. */
function toJsonSchema(schema: z.ZodType, io: "input" | "output") {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  const { $defs, $schema: _dialect, ...root } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
  return { root, defs: $defs ?? {} };
}

/** `value` with every `#/$defs/…` reference replaced by the schema it names; a cycle throws. */
function inlineRefs(value: unknown, defs: Record<string, JsonSchema>, stack: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => inlineRefs(v, defs, stack));
  if (!value || typeof value !== "object") return value;
  const { $ref, ...rest } = value as JsonSchema;
  if (typeof $ref === "string" && $ref.startsWith("#/$defs/")) {
    const id = $ref.slice(8);
    if (stack.includes(id)) throw new Error(`OpenAPI: request schema "${id}" refers to itself; it cannot be inlined.`);
    return {
      ...(inlineRefs(defs[id], defs, [...stack, id]) as JsonSchema),
      ...(inlineRefs(rest, defs, stack) as JsonSchema),
    };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inlineRefs(v, defs, stack)]));
}

/**
 * The document's reusable parts. Response schemas become `components.schemas`
 * in their output form. Request bodies, query and header parameters are what a
 * client sends: their input form (a defaulted field is optional) is inlined
 * under the operation or under `components.requestBodies`, never referenced
 * from `components.schemas`, because generators such as openapi-typescript read
 * a `default` there as "always present" and would make the client send it.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  readonly requestBodies: Record<string, JsonSchema> = {};

  /** The output form (what the server sends), named parts as `#/components/schemas/<id>`. */
  output(schema: z.ZodType): JsonSchema {
    const { root, defs } = toJsonSchema(schema, "output");
    for (const [id, def] of Object.entries(defs)) {
      this.add(this.schemas, id, componentRefs(def) as JsonSchema);
    }
    return componentRefs(root) as JsonSchema;
  }

  /** The input form (what a client sends), with no references. */
  input(schema: z.ZodType): JsonSchema {
    const { root, defs } = toJsonSchema(schema, "input");
    return inlineRefs(root, defs) as JsonSchema;
  }

  /** A JSON request body: a `components.requestBodies` reference when the schema has an id, else inline. */
  requestBody(schema: z.ZodType): JsonSchema {
    const body = { required: true, content: { "application/json": { schema: this.input(schema) } } };
    const id = z.globalRegistry.get(schema)?.id;
    if (!id) return body;
    this.add(this.requestBodies, id, body);
    return { $ref: `#/components/requestBodies/${id}` };
  }

  private add(into: Record<string, JsonSchema>, name: string, value: JsonSchema) {
    const existing = into[name];
    if (existing && !isDeepStrictEqual(existing, value)) {
      throw new Error(`OpenAPI: two different schemas are named "${name}"; give one another id.`);
    }
    into[name] = value;
  }
}

const pathParamNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

function queryParameters(components: Components, query: z.ZodType) {
  const json = components.input(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
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

/** The error statuses an operation may answer, ascending: its own and those every operation of its kind has. */
export function errorStatuses(op: ApiOperation): number[] {
  const errors = new Set([
    // Any authenticated call may be refused (a token that cannot, another site's Origin) or name a workspace it is not in.
    ...((op.auth ?? true) ? [401, 403, 404] : []),
    ...(op.body || op.query || pathParamNames(op.path).length ? [400] : []),
    ...(op.body ? [413] : []),
    ...(op.errors ?? []),
    503,
  ]);
  return [...errors].sort((a, b) => a - b);
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
      schema: components.input(h.schema),
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
                { description: h.description, schema: components.output(h.schema) },
              ]),
            ),
          }
        : {}),
      ...(res.schema
        ? { content: { [res.contentType ?? "application/json"]: { schema: components.output(res.schema) } } }
        : {}),
    };
  }
  for (const status of errorStatuses(op)) {
    responses[String(status)] ??= {
      description: ERROR_DESCRIPTIONS[status] ?? "Error.",
      content: { "application/json": { schema: components.output(errorSchema) } },
    };
  }

  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(auth ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: components.requestBody(op.body) } : {}),
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
      requestBodies: components.requestBodies,
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
