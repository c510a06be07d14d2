import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

/**
 * One operation of the API, declared once in lib/api/operations/<domain>.ts:
 * its method, path, permission, parameters, body, responses and errors. The
 * route handler is built from it (`withWorkspace(operations.createRun, …)` reads
 * the permission, the body and query schemas and the body cap), the OpenAPI
 * document is generated from the same objects (lib/api/openapi.ts), and the
 * tests check every response against the schema declared for its status.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

type Schema = z.ZodType;

export interface ApiResponse {
  description: string;
  /** Omit for an empty body (204). */
  schema?: Schema;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, { description: string; schema: Schema }>;
}

export interface ApiHeader {
  name: string;
  description: string;
  schema: Schema;
  required?: boolean;
}

export interface ApiOperation<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
> {
  method: HttpMethod;
  /** With `{param}` placeholders, e.g. /api/v1/workflows/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** false for routes that need no token or session. */
  auth?: boolean;
  /**
   * What the caller's role must grant (default `workspace.read`); checked by
   * `withWorkspace` before anything else reads the request.
   */
  permission?: Permission;
  /** Descriptions of the path parameters (every `{param}` is declared either way). */
  pathParams?: Record<string, string>;
  query?: Q;
  headers?: ApiHeader[];
  body?: B;
  /** Bodies larger than this are refused with 413 (default 256 KiB). */
  maxBodyBytes?: number;
  responses: Record<number, ApiResponse>;
  /**
   * Error statuses besides those every operation of its kind has: 503 always,
   * 401 when authenticated, 400 with a body, query or path parameter, 413 with a body.
   */
  errors?: number[];
}

/** Declares an operation, keeping its body and query schemas' types for the handler it builds. */
export function defineOperation<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  operation: ApiOperation<B, Q>,
): ApiOperation<B, Q> {
  return operation;
}
