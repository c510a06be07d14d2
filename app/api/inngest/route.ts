import { functions } from "@/inngest";
import { serveFunctions } from "@/inngest/serve";

// Inngest (dev server, cloud or self-hosted) calls this route to run our
// functions, and so does the in-process driver; requests are signed with
// INNGEST_SIGNING_KEY when it is set.
export const { GET, POST, PUT } = serveFunctions(functions);
