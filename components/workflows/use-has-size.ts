"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * True once the element has a width and a height. A canvas mounted into a box that has none yet
 * (its styles still loading, its column still being laid out) measures zero and cannot fit its
 * graph; it waits for this instead.
 */
export function useHasSize(ref: RefObject<HTMLElement | null>): boolean {
  const [sized, setSized] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || sized) return;
    const check = () => {
      if (el.offsetWidth > 0 && el.offsetHeight > 0) setSized(true);
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, sized]);
  return sized;
}

/**
 * The canvas library's warnings (a box without a size, a node type it does not know) are logged in
 * every build, not only in development, so the browser checks see them.
 */
export function reportFlowError(code: string, message: string): void {
  console.warn(`Diagram: ${message} (React Flow ${code})`);
}
