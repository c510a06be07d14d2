import { Inngest } from "inngest";
import { engineClientOptions } from "@/lib/engine/client-options";

/**
 * The one Inngest client. With an Inngest server configured (INNGEST_DEV or
 * INNGEST_EVENT_KEY) events go to it; otherwise its `fetch` hands them to
 * lib/engine's in-process driver, which runs the same functions through the
 * same serve endpoint.
 */
export const inngest = new Inngest({ id: "loopllama", ...engineClientOptions() });
