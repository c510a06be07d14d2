/**
 * The URL the dashboard reads a run from. It names the workspace in the query
 * as well as in the header, so the server page can preload exactly this URL
 * while the browser is still loading the page's JavaScript.
 */
export function runUrl(slug: string, id: string): string {
  return `/api/v1/runs/${encodeURIComponent(id)}?workspace=${encodeURIComponent(slug)}`;
}
