import type { InngestFunction } from "inngest";
import { serve } from "inngest/next";
import { inngest } from "./client";

/**
 * The serve endpoint for a list of functions: app/api/inngest exports it for an
 * Inngest server, and lib/engine's driver calls the same handler in-process.
 */
export function serveFunctions(functions: InngestFunction.Any[]) {
  return serve({ client: inngest, functions });
}
