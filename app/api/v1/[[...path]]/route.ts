import { AppError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/respond";

/**
 * Whatever no other /api/v1 route matches (an unknown path, an empty or
 * malformed id segment) answers 404 in the one error shape, for every method,
 * instead of the framework's HTML page.
 */
function noRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new AppError(404, "not_found", `No API route matches ${request.method} ${pathname}.`));
}

export const GET = noRoute;
export const HEAD = noRoute;
export const POST = noRoute;
export const PUT = noRoute;
export const PATCH = noRoute;
export const DELETE = noRoute;
export const OPTIONS = noRoute;
