import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/** Shapes of the audit log API's answers: pure zod, read by the server and the dashboard alike. */

export const auditEntrySchema = z
  .object({
    id: z.string(),
    seq: z.int().describe("The entry's place in the workspace's chain, from 1."),
    actorType: z.string().describe("user, token, agent, reflection or system."),
    actorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    clientAddress: z.string().nullable(),
    details: z.unknown(),
    createdAt: dateTimeSchema,
    prevMac: z.string().describe("The MAC of the entry before (genesis for the first)."),
    mac: z.string().describe("HMAC-SHA256 of this entry's content and prevMac under the server's audit key."),
  })
  .meta({ id: "AuditEntry", description: "One entry of the workspace's tamper-evident audit log." });

export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    entries: z.int().describe("Entries checked."),
    checkpoint: z
      .object({
        throughSeq: z.int().describe("The last pruned entry's number; the chain is checked from the next one."),
        pruned: z.int().describe("Entries pruned in all."),
        createdAt: dateTimeSchema,
      })
      .optional()
      .describe("The signed checkpoint pruning left (entries older than the plan's retention); absent before any."),
    firstBroken: z
      .object({ id: z.string(), seq: z.int(), reason: z.string() })
      .optional()
      .describe("The first entry that does not verify; absent when the chain does."),
  })
  .meta({ id: "AuditVerification" });

export type AuditEntry = z.output<typeof auditEntrySchema>;
