import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/** Why a queued or running run is where it is: pure zod, read by the server and the dashboard. */
export const waitingForSchema = z
  .strictObject({
    reason: z
      .enum(["engine", "concurrency", "retry", "sleep", "event", "step", "approval"])
      .describe(
        "engine: not picked up yet; concurrency: waiting for a slot of its plan; retry: after a failed attempt; sleep or event: a durable wait; step: a step is working; approval: a person's answer to an approval step.",
      ),
    message: z.string().describe("The reason in one line."),
    until: dateTimeSchema.nullable().describe("When the wait ends on its own (a retry, a sleep, an event's timeout)."),
    position: z.int().nullable().describe("Its place in line for a concurrency slot (1: next)."),
  })
  .meta({ id: "RunWaitingFor" });

export type RunWaitingFor = z.output<typeof waitingForSchema>;
