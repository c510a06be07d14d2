import "server-only";
import { db } from "@/lib/db/client";

/** The channel a step's streamed model text is notified on, as JSON `{ runId, stepId, text }`. */
export const RUN_DELTA_CHANNEL = "run_delta";
/** NOTIFY payloads must stay under 8000 bytes; text is sent in pieces of at most this many bytes. */
const MAX_PAYLOAD_TEXT_BYTES = 7_000;
/** Streamed text is gathered this long before it is notified, so a token is not a notification. */
const FLUSH_MS = 150;

/** Pieces of `text`, each at most `max` bytes in UTF-8, split between characters. */
export function splitUtf8(text: string, max = MAX_PAYLOAD_TEXT_BYTES): string[] {
  const out: string[] = [];
  let piece = "";
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max) {
      out.push(piece);
      piece = "";
      bytes = 0;
    }
    piece += ch;
    bytes += size;
  }
  if (piece) out.push(piece);
  return out;
}

/** Notifies every server process following the run of a piece of the step's streamed text. */
export async function publishStepDelta(runId: string, stepId: string, text: string): Promise<void> {
  for (const piece of splitUtf8(text)) {
    const payload = JSON.stringify({ runId, stepId, text: piece });
    await db.$executeRaw`SELECT pg_notify(${RUN_DELTA_CHANNEL}, ${payload})`;
  }
}

/**
 * Gathers a step's streamed text and notifies it every FLUSH_MS; `flush`
 * sends what is left (call it before the step's result is saved, so the last
 * delta arrives before the step's completion). A failed notification only
 * loses live text: the step's output is saved whole anyway.
 */
export function stepDeltaPublisher(runId: string, stepId: string) {
  let buffer = "";
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sending: Promise<void> = Promise.resolve();
  const send = () => {
    timer = null;
    const text = buffer;
    buffer = "";
    if (!text) return sending;
    sending = sending.then(() => publishStepDelta(runId, stepId, text)).catch(() => undefined);
    return sending;
  };
  return {
    push(text: string): void {
      buffer += text;
      timer ??= setTimeout(() => void send(), FLUSH_MS);
    },
    async flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      await send();
    },
  };
}
