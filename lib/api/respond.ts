import { z } from "zod";
import { AppError } from "./errors";

export function json(body: unknown, init?: number | ResponseInit): Response {
  const options = typeof init === "number" ? { status: init } : init;
  return Response.json(body, options);
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Field-level details of a zod failure: `[{ field: "crew.0.role", message }]`. */
export function zodDetails(error: z.ZodError, prefix?: string) {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: issue.message,
  }));
}

export function zodMessage(error: z.ZodError, prefix?: string): string {
  const first = zodDetails(error, prefix)[0];
  return first ? `Invalid ${first.field}: ${first.message}` : "Invalid request.";
}

/** Turns anything thrown inside a handler into the one error shape. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return json(errorBody(err.code, err.message, err.details), {
      status: err.status,
      headers: err.headers,
    });
  }
  if (err instanceof z.ZodError) {
    return json(errorBody("invalid_request", zodMessage(err), zodDetails(err)), 400);
  }
  console.error(err);
  return json(errorBody("internal_error", "Something went wrong on our side."), 500);
}
