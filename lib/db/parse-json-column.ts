/**
 * A json column from a raw statement: drivers may hand json values back as
 * text (a json_agg through some adapters), so text is parsed and anything else
 * passed through.
 */
export function parseJsonColumn<T = unknown>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
