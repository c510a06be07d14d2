/** A domain error that the API turns into `{ error: { code, message, details? } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, "invalid_request", message, details);
export const unauthorized = (
  message = "Authentication required: send a session cookie or `Authorization: Bearer <token>`.",
) => new AppError(401, "unauthorized", message);
export const forbidden = (message: string) => new AppError(403, "forbidden", message);
export const notFound = (what = "Resource") => new AppError(404, "not_found", `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new AppError(409, "conflict", message, details);
export const paymentRequired = (message: string, details?: unknown) =>
  new AppError(402, "payment_required", message, details);
export const payloadTooLarge = (message: string) => new AppError(413, "payload_too_large", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(
    429,
    "rate_limited",
    message,
    { retryAfterSeconds },
    {
      "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    },
  );
export const unavailable = (message: string, retryAfterSeconds: number) =>
  new AppError(
    503,
    "unavailable",
    message,
    { retryAfterSeconds },
    {
      "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    },
  );
