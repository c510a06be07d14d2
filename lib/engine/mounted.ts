import "server-only";
import type { Endpoint } from "./call-endpoint";
import type { FunctionConfig } from "./registration";

/** The serve endpoint of a function list and what it registers. */
export interface App {
  endpoint: Endpoint;
  functions: FunctionConfig[];
}

// Next bundles route handlers and the instrumentation hook separately, so the
// apps this process serves live on globalThis rather than in module state.
const holder = globalThis as unknown as { loopllamaEngineApps?: Set<App> };

/** The apps this process serves (see mountApp). */
export function mountedApps(): Set<App> {
  holder.loopllamaEngineApps ??= new Set();
  return holder.loopllamaEngineApps;
}

/** Every function this process serves, each once, with the app that serves it. */
export function mountedFunctions(): { fn: FunctionConfig; app: App }[] {
  const seen = new Map<string, { fn: FunctionConfig; app: App }>();
  for (const app of mountedApps()) for (const fn of app.functions) if (!seen.has(fn.id)) seen.set(fn.id, { fn, app });
  return [...seen.values()];
}
