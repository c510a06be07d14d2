/** A model call that failed; `message` carries the API's own explanation. */
export class ModelError extends Error {
  /** Calls made before giving up, retries included (set by `complete`). */
  attempts = 1;

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Worth retrying: rate limits (429), overload (529), server errors (5xx), lost connections. */
export class TransientModelError extends ModelError {
  /** Server's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number;
}

/** The call ran past MODEL_TIMEOUT_MS; transient, so it is retried like a 529. */
export class ModelTimeoutError extends TransientModelError {
  constructor(readonly timeoutMs: number) {
    super(`The model did not answer within ${timeoutMs} ms (MODEL_TIMEOUT_MS)`, 408);
  }
}

/** Retrying will not help: bad request (400), bad key (401), unknown model (404)… */
export class PermanentModelError extends ModelError {}

export function isTransient(err: unknown): err is TransientModelError {
  return err instanceof TransientModelError;
}
