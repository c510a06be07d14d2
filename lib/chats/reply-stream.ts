import "server-only";
import { AppError } from "@/lib/http/errors";
import { errorBody } from "@/lib/http/respond";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Loopi's reply as server-sent events: `delta` events with the text as the
 * model writes it, then one `reply` event with the whole answer (the JSON
 * body without streaming), or an `error` event in the API's error shape.
 */
export function replyStream(work: (onDelta: (text: string) => void) => Promise<unknown>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(frame(event, data)));
      try {
        const body = await work((text) => send("delta", { text }));
        send("reply", body);
      } catch (err) {
        const known = err instanceof AppError;
        send(
          "error",
          known
            ? errorBody(err.code, err.message, err.details)
            : errorBody("internal_error", "Something went wrong; try again."),
        );
        if (!known) console.error(err);
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
