import { createHash } from "node:crypto";
import { z } from "zod";
import { isUniqueViolation } from "@/lib/db/unique-violation";
// Field errors read as a person writes them, for every schema parsed on the server.
import "@/lib/validation/messages";
import { isDatabaseBusy } from "./database-busy";
import { AppError, conflict, unavailable } from "./errors";

/** What a client is told to wait when the database is saturated. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export function json(body: unknown, init?: number | ResponseInit): Response {
  const options = typeof init === "number" ? { status: init } : init;
  return Response.json(body, options);
}

/**
 * A JSON response with an ETag; a request whose If-None-Match names it gets an
 * empty 304, so clients that poll (and browsers, which revalidate) download
 * the body only when it changed. `private, no-cache`: never shared, always
 * revalidated.
 */
export function jsonWithEtag(request: Request, body: unknown): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash("sha1").update(text).digest("base64url")}"`;
  const headers = { etag, "cache-control": "private, no-cache" };
  const tags = request.headers
    .get("if-none-match")
    ?.split(",")
    .map((t) => t.trim().replace(/^W\//, ""));
  if (tags?.includes(etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { headers: { ...headers, "content-type": "application/json" } });
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Field-level details of a zod failure: `[{ field: "crew.0.role", message }]`. */
export function zodDetails(error: z.ZodError, prefix?: string) {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: issue.message,
  }));
}

export function zodMessage(error: z.ZodError, prefix?: string): string {
  const first = zodDetails(error, prefix)[0];
  return first ? `Invalid ${first.field}: ${first.message}` : "Invalid request.";
}

/**
 * Turns anything thrown inside a handler into the one error shape. A saturated
 * database (pool or transaction wait exceeded) is a 503 with Retry-After, not a 500.
 */
export function errorResponse(err: unknown): Response {
  if (!(err instanceof AppError) && isDatabaseBusy(err)) {
    return errorResponse(unavailable("The service is busy; try again in a moment.", BUSY_RETRY_AFTER_SECONDS));
  }
  if (!(err instanceof AppError) && isUniqueViolation(err)) {
    // Two requests raced to create the same thing and this one lost: the other's write stands.
    return errorResponse(conflict("Something with the same name or key was written at the same moment; try again."));
  }
  if (err instanceof AppError) {
    return json(errorBody(err.code, err.message, err.details), {
      status: err.status,
      headers: err.headers,
    });
  }
  if (err instanceof z.ZodError) {
    return json(errorBody("invalid_request", zodMessage(err), zodDetails(err)), 400);
  }
  console.error(err);
  return json(errorBody("internal_error", "Something went wrong on our side."), 500);
}
