import "server-only";

type Waker = () => void;

// Next bundles route handlers and the instrumentation hook separately, so the
// driver's wake-up hook lives on globalThis rather than in module state.
const holder = globalThis as unknown as { loopllamaEngineWakers?: Set<Waker> };

function wakers(): Set<Waker> {
  holder.loopllamaEngineWakers ??= new Set();
  return holder.loopllamaEngineWakers;
}

/** Registers a driver to be woken when new jobs are enqueued; returns an unregister function. */
export function onWake(waker: Waker): () => void {
  wakers().add(waker);
  return () => wakers().delete(waker);
}

/** Tells drivers in this process that there is new work (others find it on their next poll). */
export function wakeDrivers(): void {
  for (const w of wakers()) w();
}
