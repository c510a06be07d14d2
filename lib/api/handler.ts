import "server-only";
import { z } from "zod";
import { resolveCaller, type Caller } from "@/lib/auth/caller";
import { can, type Permission } from "@/lib/auth/permissions";
import { scopeFor, type Scope } from "@/lib/db/tenant";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "@/lib/workspaces/resolve-access";
import { badRequest, forbidden, notFound, payloadTooLarge } from "./errors";
import { errorResponse, zodDetails, zodMessage } from "./respond";

/** Bodies larger than this are refused with 413 before they are parsed. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type RouteParams = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<RouteParams> };

interface Options<B, Q> {
  body?: B;
  query?: Q;
  maxBodyBytes?: number;
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
 * Reads a JSON body of at most `maxBytes` (else 413) and validates it with the
 * schema (else 400 naming the field). Exported for the few routes outside
 * the wrappers (sign-up).
 */
export async function readBody<S extends Schema | undefined>(
  request: Request,
  schema: S,
  maxBytes: number,
): Promise<Out<S>> {
  if (!schema) return undefined as Out<S>;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw payloadTooLarge(`Request body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw payloadTooLarge(`Request body is larger than ${maxBytes} bytes.`);
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw badRequest("Request body is not valid JSON.", [{ field: "(body)", message: "Invalid JSON" }]);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest(zodMessage(parsed.error), zodDetails(parsed.error));
  return parsed.data as Out<S>;
}

function readQuery(request: Request, schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    raw[key] = value;
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest(zodMessage(parsed.error), zodDetails(parsed.error));
  return parsed.data;
}

async function readParams(context: RouteContext | undefined): Promise<Record<string, string>> {
  const raw = context ? await context.params : {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

/** A route handler for any signed-in caller (session or token), not tied to a workspace. */
export function withCaller<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  handler: (ctx: CallerContext<B, Q>) => Promise<Response>,
  options: Options<B, Q> = {},
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const caller = await resolveCaller(request);
      const params = await readParams(context);
      const query = readQuery(request, options.query) as Out<Q>;
      const body = (await readBody(request, options.body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) as Out<B>;
      return await handler({ request, caller, params, query, body });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * The wrapper of every workspace route: resolves the caller (session or API
 * token), the workspace (`X-Workspace` header or `?workspace=` for sessions,
 * the token's own for tokens) and the role, checks the declared permission,
 * validates query and body with zod, and turns errors into the one shape.
 * A caller without the permission gets 403; a workspace they do not belong to, 404.
 */
export function withWorkspace<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  handler: (ctx: WorkspaceContext<B, Q>) => Promise<Response>,
  options: Options<B, Q> & { permission?: Permission } = {},
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const caller = await resolveCaller(request);
      const requested = request.headers.get("x-workspace") ?? new URL(request.url).searchParams.get("workspace");
      const access = await resolveWorkspaceAccess(caller, requested);
      const permission = options.permission ?? "workspace.read";
      if (!can(access.role, permission)) {
        throw forbidden(
          caller.type === "token"
            ? "API tokens cannot do this; sign in as an owner or admin."
            : `Your role (${access.role}) does not allow this.`,
        );
      }
      const params = await readParams(context);
      const query = readQuery(request, options.query) as Out<Q>;
      const body = (await readBody(request, options.body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) as Out<B>;
      return await handler({
        request,
        caller,
        ...access,
        scope: scopeFor(access.workspace.id),
        params,
        query,
        body,
      });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export { notFound };
