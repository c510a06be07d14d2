import { NextResponse, type NextRequest } from "next/server";
import { describeBytes } from "@/lib/http/read-body-text";
import { errorBody } from "@/lib/http/respond";
import { contentSecurityPolicy } from "@/lib/http/content-security-policy";

/**
 * The largest body any /api/v1 route takes (a run request with its 100,000
 * characters of input). Next buffers the body of a request the proxy sees, up
 * to next.config's `experimental.proxyClientMaxBodySize` (this plus one byte, so
 * a cut body still exceeds the route's own cap and gets 413); a declared larger
 * body is refused here before it is read.
 */
export const PROXY_MAX_BODY_BYTES = 416 * 1024;

/**
 * Pages get a Content-Security-Policy with a fresh nonce: set on the request,
 * Next reads the nonce from it and puts it on the page's scripts; set on the
 * response, the browser enforces it. (API routes and built files keep the
 * fixed policy of next.config.ts.)
 *
 * /api/v1 paths that hold a percent-escape (see the matcher): a path segment
 * that does not decode to UTF-8 would otherwise get the framework's HTML 400
 * before any route runs; here it gets a 400 in the one error shape.
 */
export function proxy(request: NextRequest): NextResponse {
  if (!request.nextUrl.pathname.startsWith("/api/")) return withNonce(request);
  if (Number(request.headers.get("content-length") ?? "0") > PROXY_MAX_BODY_BYTES) {
    return NextResponse.json(
      errorBody("payload_too_large", `Request body is larger than ${describeBytes(PROXY_MAX_BODY_BYTES)}.`),
      { status: 413 },
    );
  }
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

function withNonce(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    "/api/v1/:path(.*%.*)",
    {
      // Pages; not the API, built files or prefetches (which render no page of their own).
      source: "/((?!api/|_next/static|_next/image).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
