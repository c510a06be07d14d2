/** A page of a cursor-paged list: `path?limit=…&cursor=…&<filters>` (empty filters and cursor left out). */
export function pageUrl(path: string, limit: number, cursor: string, filters: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set("cursor", cursor);
  return `${path}?${params}`;
}
