import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/** Entries a run keeps of what the sweep did to it (the latest). */
export const MAX_RUN_SWEEPS = 20;

/** One action of the sweep on a run it found stuck: pure zod, read by the server and the dashboard. */
export const runSweepSchema = z
  .strictObject({
    at: dateTimeSchema.describe("When the sweep acted."),
    action: z
      .enum(["requeued", "failed"])
      .describe("requeued: handed to the engine again (it resumes after its last completed step); failed: ended."),
    reason: z.string().describe("What the sweep found, and what it did, in one line."),
  })
  .meta({ id: "RunSweep" });

export type RunSweep = z.output<typeof runSweepSchema>;
