/** Which link clicks leave the page (leave-guard.tsx asks before those). */

/**
 * Where a click on a link would take the page, when it leaves for another page of this app in the
 * same tab; null for anything the browser or the page handles otherwise.
 */
export function leavingHref(
  event: Pick<MouseEvent, "button" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey" | "defaultPrevented">,
  anchor: { href: string; target: string; hasDownload: boolean } | null,
  current: string,
): string | null {
  if (!anchor || event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if (anchor.hasDownload || (anchor.target && anchor.target !== "_self")) return null;
  const here = new URL(current);
  const to = new URL(anchor.href, here);
  if (to.origin !== here.origin) return null;
  // A link to a part of this same page (#…) does not leave it.
  if (to.pathname === here.pathname && to.search === here.search) return null;
  return to.pathname + to.search + to.hash;
}
