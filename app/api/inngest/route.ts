import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";

// Inngest (dev server, cloud or self-hosted) calls this route to run our
// functions; requests are signed with INNGEST_SIGNING_KEY outside dev mode.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
