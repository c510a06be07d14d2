import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * false while the server renders and while the browser hydrates that HTML,
 * true from the first render after (and for anything rendered later), with
 * no hydration mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
