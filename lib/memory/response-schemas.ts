import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/** Response shapes of /api/v1/memories: pure zod, so the browser may import them. */

export const memoryResponseSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    sessionId: z.string().nullable(),
    kind: z.enum(["fact", "episode"]).describe("fact: a node's `remember` field; episode: a node's whole output."),
    content: z.string(),
    workflowId: z.string().nullable(),
    runId: z.string().nullable(),
    createdAt: dateTimeSchema,
  })
  .meta({ id: "Memory" });

export const deletedMemoriesSchema = z.object({ deleted: z.number().int() }).meta({ id: "DeletedMemories" });

export type MemoryJson = z.output<typeof memoryResponseSchema>;
