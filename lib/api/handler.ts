import "server-only";
import { z } from "zod";
import { resolveCaller, type Caller } from "@/lib/auth/caller";
import { can, type Permission } from "@/lib/auth/permissions";
import { scopeFor, type Scope } from "@/lib/db/tenant";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "@/lib/workspaces/resolve-access";
import { badRequest, forbidden, notFound } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/read-body-text";
import { errorResponse, zodDetails, zodMessage } from "@/lib/http/respond";
import { jsonTextProblem, textProblem } from "@/lib/http/text-safety";
import type { ApiOperation } from "@/lib/api/operation";
import { traceRequest, type RequestTrace } from "@/lib/telemetry/trace-request";

/** Bodies larger than this are refused with 413 before they are parsed. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type RouteParams = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<RouteParams> };

/** A route handler built from its operation, which it carries for the tests' response checks. */
export type OperationHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  operation: ApiOperation;
};

/** Every request of an operation is one server span (when traces are on), named after its route template. */
function handlerOf(
  operation: ApiOperation,
  handle: (request: Request, context: RouteContext | undefined, trace: RequestTrace) => Promise<Response>,
) {
  const traced = (request: Request, context?: RouteContext) =>
    traceRequest(operation, request, (trace) => handle(request, context, trace));
  return Object.assign(traced, { operation }) as OperationHandler;
}

export interface CallerContext<B, Q> {
  request: Request;
  caller: Caller;
  body: Out<B>;
  query: Out<Q>;
  params: Record<string, string>;
}

export interface WorkspaceContext<B, Q> extends CallerContext<B, Q>, WorkspaceAccess {
  /** The workspace id and a Prisma client confined to it, for lib/ functions. */
  scope: Scope;
}

/**
 * Reads a JSON body of at most `maxBytes` (else 413, also while a chunked body
 * streams in) and validates it with the schema (else 400 naming the field).
 * Text PostgreSQL cannot store (invalid UTF-8, NUL, unpaired surrogates) is a
 * 400 naming the field before the schema sees it. Exported for the few routes
 * outside the wrappers (sign-up).
 */
export async function readBody<S extends Schema | undefined>(
  request: Request,
  schema: S,
  maxBytes: number,
): Promise<Out<S>> {
  if (!schema) return undefined as Out<S>;
  const text = await readBodyText(request, maxBytes);
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw badRequest("Request body is not valid JSON.", [{ field: "(body)", message: "Invalid JSON" }]);
    }
  }
  const problem = jsonTextProblem(raw);
  if (problem) throw badRequest(`Invalid ${problem.field}: ${problem.message}`, [problem]);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest(zodMessage(parsed.error), zodDetails(parsed.error));
  return parsed.data as Out<S>;
}

/** One part of a query string, strictly decoded (`+` is a space); null when it is not UTF-8. */
function decodeQueryPart(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/**
 * The query string as a map (the last of repeated keys wins), refusing with 400
 * naming the parameter any that is not valid UTF-8 or holds text PostgreSQL
 * cannot store. Checked on every request, whether or not the route has a query
 * schema (`?workspace=` reaches the database).
 */
function queryParams(request: Request): Record<string, string> {
  // No prototype: a `__proto__` parameter is just a name.
  const out = Object.create(null) as Record<string, string>;
  const search = new URL(request.url).search.slice(1);
  for (const pair of search.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    const keyProblem = key === null ? "Not valid percent-encoded UTF-8" : textProblem(key);
    if (key === null || keyProblem) {
      throw badRequest(`Invalid query parameter name: ${keyProblem}`, [{ field: "(query)", message: keyProblem }]);
    }
    const value = decodeQueryPart(eq === -1 ? "" : pair.slice(eq + 1));
    const problem = value === null ? "Not valid percent-encoded UTF-8" : textProblem(value);
    if (value === null || problem) throw badRequest(`Invalid ${key}: ${problem}`, [{ field: key, message: problem }]);
    out[key] = value;
  }
  return out;
}

function readQuery(raw: Record<string, string>, schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest(zodMessage(parsed.error), zodDetails(parsed.error));
  return parsed.data;
}

/** Every path segment of our routes is an id, a token or a number: nothing else names a resource. */
export const pathParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/**
 * The route's path params. Text PostgreSQL cannot store is a 400 naming the
 * param; anything else that is not shaped like an id names no resource: 404.
 */
async function readParams(context: RouteContext | undefined): Promise<Record<string, string>> {
  const raw = context ? await context.params : {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value !== "string") continue;
    const problem = textProblem(value) ?? (value.includes("\uFFFD") ? "Not valid UTF-8" : null);
    if (problem) throw badRequest(`Invalid ${key}: ${problem}`, [{ field: key, message: problem }]);
    if (!pathParamSchema.safeParse(value).success) throw notFound();
    out[key] = value;
  }
  return out;
}

/** The request's path params, query and body, read and validated as the operation declares. */
async function readInput<B extends Schema | undefined, Q extends Schema | undefined>(
  operation: ApiOperation<B, Q>,
  request: Request,
  context: RouteContext | undefined,
  rawQuery: Record<string, string>,
) {
  const params = await readParams(context);
  const query = readQuery(rawQuery, operation.query) as Out<Q>;
  const body = (await readBody(request, operation.body, operation.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) as Out<B>;
  return { params, query, body };
}

/** A route handler that needs no token or session (its operation says `auth: false`). */
export function withPublic<Q extends Schema | undefined>(
  operation: ApiOperation<undefined, Q>,
  handler: (ctx: { request: Request; params: Record<string, string>; query: Out<Q> }) => Promise<Response>,
): OperationHandler {
  return handlerOf(operation, async (request, context) => {
    try {
      const rawQuery = queryParams(request);
      const params = await readParams(context);
      const query = readQuery(rawQuery, operation.query) as Out<Q>;
      return await handler({ request, params, query });
    } catch (err) {
      return errorResponse(err);
    }
  });
}

/** A route handler for any signed-in caller (session or token), not tied to a workspace. */
export function withCaller<B extends Schema | undefined, Q extends Schema | undefined>(
  operation: ApiOperation<B, Q>,
  handler: (ctx: CallerContext<B, Q>) => Promise<Response>,
): OperationHandler {
  return handlerOf(operation, async (request, context) => {
    try {
      const caller = await resolveCaller(request);
      const input = await readInput(operation, request, context, queryParams(request));
      return await handler({ request, caller, ...input });
    } catch (err) {
      return errorResponse(err);
    }
  });
}

/** 403 unless the role grants the permission; for routes whose permission depends on what is asked. */
export function assertCan(caller: Caller, role: WorkspaceAccess["role"], permission: Permission): void {
  if (can(role, permission)) return;
  throw forbidden(
    caller.type === "token"
      ? "API tokens cannot do this; sign in as an owner or admin."
      : `Your role (${role}) does not allow this.`,
  );
}

/**
 * The wrapper of every workspace route: resolves the caller (session or API
 * token), the workspace (`X-Workspace` header or `?workspace=` for sessions,
 * the token's own for tokens) and the role, checks the declared permission,
 * validates query and body with zod (all as its operation declares), and
 * turns errors into the one shape.
 * A caller without the permission gets 403; a workspace they do not belong to, 404.
 */
export function withWorkspace<B extends Schema | undefined, Q extends Schema | undefined>(
  operation: ApiOperation<B, Q>,
  handler: (ctx: WorkspaceContext<B, Q>) => Promise<Response>,
): OperationHandler {
  return handlerOf(operation, async (request, context, trace) => {
    try {
      const caller = await resolveCaller(request);
      const rawQuery = queryParams(request);
      const requested = request.headers.get("x-workspace") ?? rawQuery.workspace ?? null;
      const access = await resolveWorkspaceAccess(caller, requested);
      trace.workspace(access.workspace.id);
      assertCan(caller, access.role, operation.permission ?? "workspace.read");
      const input = await readInput(operation, request, context, rawQuery);
      return await handler({ request, caller, ...access, scope: scopeFor(access.workspace.id), ...input });
    } catch (err) {
      return errorResponse(err);
    }
  });
}

export { notFound };
