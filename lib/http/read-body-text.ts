import { badRequest, payloadTooLarge } from "./errors";

/**
 * Reads a request body as text, at most `maxBytes` of it: a declared
 * Content-Length over the cap is refused before reading, and a body without one
 * (chunked) is cut off with 413 as soon as it passes the cap, so an oversized
 * body is never buffered whole. The bytes must be valid UTF-8 (else 400 naming
 * `(body)`); nothing is replaced or dropped, a BOM included, so the text is
 * exactly the bytes sent (the Stripe webhook verifies its signature on it).
 * A body the client stops sending halfway (its connection closed) is a 400.
 */
/** A body cap as the README writes it: `256 kB`, `4 MB`, or bytes when it is neither. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes.toLocaleString("en-US")} bytes`;
}

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => payloadTooLarge(`Request body is larger than ${describeBytes(maxBytes)}.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The client went away mid-body (a closed connection, ECONNRESET): its fault, not ours, and not a 500.
      throw badRequest("The request body ended before it was complete.", [
        { field: "(body)", message: "The connection closed while the body was being sent" },
      ]);
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop the sender; the rest of the body is never read.
      void reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }

  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest("Request body is not valid UTF-8.", [{ field: "(body)", message: "Invalid UTF-8" }]);
  }
}
