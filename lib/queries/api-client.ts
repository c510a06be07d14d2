/**
 * The dashboard's one way to reach the API: the same /api routes that tokens
 * use, with the session cookie and `X-Workspace` naming the workspace.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** An error answer from the API (`{ error: { code, message, details } }`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field errors keyed by field name (`{ email: "Enter a valid email address" }`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const item of this.details as unknown[]) {
      if (item && typeof item === "object" && "field" in item && "message" in item) {
        const { field, message } = item as FieldError;
        if (typeof field === "string" && typeof message === "string" && !(field in out)) out[field] = message;
      }
    }
    return out;
  }

  /** Seconds to wait when rate limited, if the server said. */
  get retryAfterSeconds(): number | undefined {
    const d = this.details as { retryAfterSeconds?: unknown } | undefined;
    return typeof d?.retryAfterSeconds === "number" ? d.retryAfterSeconds : undefined;
  }
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Workspace slug sent as `X-Workspace`. */
  workspace?: string;
  body?: unknown;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; details?: unknown } } {
  if (!value || typeof value !== "object" || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return !!error && typeof error === "object" && "code" in error && "message" in error;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.workspace) headers["x-workspace"] = options.workspace;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details);
    }
    throw new ApiError(response.status, "http_error", `The server answered ${response.status}.`);
  }
  return payload as T;
}

/** A readable sentence for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
