/** Shorter secrets are left in place: replacing every occurrence of a few characters would garble the text. */
export const MIN_REDACTED_SECRET = 8;

export const REDACTED = "[credential]";

/**
 * `text` with every occurrence of `secret` (as written, and as it reads inside
 * a JSON string) replaced by REDACTED: a host that echoes the token it was
 * sent (in a body, or an error that quotes the request) does not put it in
 * the run's record, where members and the model would read it.
 */
export function redactSecret(text: string, secret: string | null | undefined): string {
  if (!secret || secret.length < MIN_REDACTED_SECRET) return text;
  let out = text;
  for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join(REDACTED);
  return out;
}
