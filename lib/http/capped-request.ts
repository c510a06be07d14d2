import { NextRequest } from "next/server";
import { readBodyText } from "./read-body-text";

/**
 * The request again, its body read through the capped reader (413 past
 * `maxBytes`, whether declared or chunked), for handlers from libraries that
 * read bodies themselves with no limit (next-auth, the Inngest SDK). The copy
 * is a NextRequest, since next-auth reads `nextUrl`.
 */
export async function cappedRequest(request: Request, maxBytes: number): Promise<NextRequest> {
  const method = request.method.toUpperCase();
  const hasBody = method !== "GET" && method !== "HEAD";
  const text = hasBody ? await readBodyText(request, maxBytes) : undefined;
  const headers = new Headers(request.headers);
  // The body is now a string of known length; its former framing no longer applies.
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new NextRequest(request.url, { method, headers, body: text, signal: request.signal });
}
