import { Inngest } from "inngest";

/**
 * The one Inngest client. With an Inngest server configured (INNGEST_DEV or
 * INNGEST_EVENT_KEY) events go to it; otherwise lib/engine runs the same
 * functions in-process.
 */
export const inngest = new Inngest({ id: "loopllama" });
