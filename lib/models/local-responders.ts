import type { ModelRequest } from "./types";

/**
 * A responder may claim a request before the local provider's default answer:
 * it returns the text to answer with, or null to pass. Features register their
 * own (e.g. a reflection responder that answers with a chosen verdict).
 */
export interface LocalResponder {
  id: string;
  respond(req: ModelRequest): string | null | Promise<string | null>;
}

// Kept on globalThis so every bundle of the server (route handlers, the
// instrumentation hook) sees the same registrations.
const holder = globalThis as unknown as { loopllamaLocalResponders?: Map<string, LocalResponder> };

function registry(): Map<string, LocalResponder> {
  holder.loopllamaLocalResponders ??= new Map();
  return holder.loopllamaLocalResponders;
}

/** Registers (or replaces, by id) a responder; returns a function that removes it. */
export function registerLocalResponder(responder: LocalResponder): () => void {
  registry().set(responder.id, responder);
  return () => {
    if (registry().get(responder.id) === responder) registry().delete(responder.id);
  };
}

/** Responders in registration order; the first to return text wins. */
export function localResponders(): LocalResponder[] {
  return [...registry().values()];
}
