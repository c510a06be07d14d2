import { NextResponse, type NextRequest } from "next/server";
import { errorBody } from "@/lib/api/respond";

/**
 * Runs only for /api/v1 paths that hold a percent-escape (see the matcher).
 * A path segment that does not decode to UTF-8 would otherwise get the
 * framework's HTML 400 before any route runs; here it gets a 400 in the one
 * error shape. Every other request passes untouched.
 */
export function proxy(request: NextRequest): NextResponse {
  for (const segment of request.nextUrl.pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return NextResponse.json(
        errorBody("invalid_request", "The request path is not valid UTF-8.", [
          { field: "(path)", message: `Segment "${segment}" does not decode to UTF-8` },
        ]),
        { status: 400 },
      );
    }
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/v1/:path(.*%.*)" };
