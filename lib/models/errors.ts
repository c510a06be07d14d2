/** A model call that failed; `message` carries the API's own explanation. */
export class ModelError extends Error {
  /** Calls made before giving up, retries included (set by `complete`). */
  attempts = 1;
  /**
   * Tokens of the calls that did answer before this error (a typed answer
   * that failed to parse, say): they were spent and are metered. 0 when no
   * call answered (an HTTP error has no usage).
   */
  inputTokens = 0;
  outputTokens = 0;

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

/**
 * The call ran past MODEL_CALL_DEADLINE_MS across all its attempts and backoff;
 * transient (the model may answer later), but `complete` does not retry it.
 */
export class ModelDeadlineError extends TransientModelError {
  constructor(
    readonly deadlineMs: number,
    attempts: number,
    last?: ModelError,
  ) {
    super(
      `The model call did not succeed within ${deadlineMs} ms in all (MODEL_CALL_DEADLINE_MS), after ${attempts} ` +
        `attempt${attempts === 1 ? "" : "s"}${last ? `; last error: ${last.message}` : ""}`,
      408,
    );
    this.attempts = attempts;
  }
}

/** Retrying will not help: bad request (400), bad key (401), unknown model (404)… */
export class PermanentModelError extends ModelError {}

export function isTransient(err: unknown): err is TransientModelError {
  return err instanceof TransientModelError;
}

/** Statuses worth retrying: timeout, conflict, rate limit, server errors, overload (529). */
function transientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const raw = headers?.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * An API's HTTP error as ours, for every provider: transient (retried,
 * honouring Retry-After) for 408, 409, 429 and 5xx, permanent otherwise.
 */
export function httpModelError(message: string, status: number, headers: Headers | undefined): ModelError {
  if (!transientStatus(status)) return new PermanentModelError(message, status);
  const err = new TransientModelError(message, status);
  err.retryAfterMs = retryAfterMs(headers);
  return err;
}
