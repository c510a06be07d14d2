import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

export const WAITING_REASONS = [
  "engine",
  "concurrency",
  "rate_limit",
  "retry",
  "sleep",
  "event",
  "step",
  "approval",
] as const;
export type WaitingReason = (typeof WAITING_REASONS)[number];

/** Why a queued or running run is where it is: pure zod, read by the server and the dashboard. */
export const waitingForSchema = z
  .strictObject({
    reason: z
      .enum(WAITING_REASONS)
      .describe(
        "engine: not picked up yet; concurrency: waiting for a slot of its plan; rate_limit: a step's model call was refused by its provider's rate limit (429) and is made again at `until`; retry: after a failed attempt (of the run, or of a step's model call); sleep or event: a durable wait; step: a step is working; approval: a person's answer to an approval step.",
      ),
    message: z.string().describe("The reason in one line."),
    until: dateTimeSchema
      .nullable()
      .describe("When the wait ends on its own (a rate limit, a retry, a sleep, an event's timeout)."),
    position: z.int().nullable().describe("Its place in line for a concurrency slot (1: next)."),
    provider: z
      .string()
      .optional()
      .describe(
        "rate_limit and a model call's retry: the model provider (anthropic, openai, …) whose answer it waits for.",
      ),
  })
  .meta({ id: "RunWaitingFor" });

export type RunWaitingFor = z.output<typeof waitingForSchema>;
