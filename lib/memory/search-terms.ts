/**
 * A text as a PostgreSQL tsquery that matches any of its words (`a | b | c`):
 * only letters and digits pass, so the query cannot carry tsquery syntax.
 * Null when the text has no word of three characters or more.
 */
export function anyWordQuery(text: string, max = 24): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, max);
  return words.length ? words.join(" | ") : null;
}
