const BASE = "http://callback.invalid";

/** Percent-decodes until the value stops changing (a few rounds at most); null if it is malformed. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * Keeps post-sign-in redirects on this site. The value is judged as a browser
 * would read it after any decoding: control characters (a browser drops tabs and
 * newlines, so `/%09/evil.example` becomes `//evil.example`), backslashes (read as
 * slashes), protocol-relative `//host` and anything that resolves to another
 * origin are refused. What is kept is the path, query and fragment as parsed.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/")) return fallback;
  const decoded = fullyDecoded(raw);
  if (decoded === null || /[\u0000-\u001f\u007f\\]/.test(raw + decoded)) return fallback;
  if (decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
