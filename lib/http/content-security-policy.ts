/**
 * The Content-Security-Policy of every page. Scripts run only from this site
 * and only when they carry the request's nonce (Next puts it on its own inline
 * and bundle scripts; 'strict-dynamic' lets those load the chunks they need), so
 * an injected <script> or event-handler attribute does not run. Styles allow
 * inline: React writes style attributes (the graph canvas, charts) that a nonce
 * cannot cover. Images from this site and data:/blob: URLs; no fetches,
 * frames, plugins or form posts anywhere else. The development server needs eval
 * for its fast refresh, and only it gets 'unsafe-eval'.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
