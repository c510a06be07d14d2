import { z } from "zod";
import { paginationQueryShape } from "@/lib/http/pagination";
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES } from "./actions";

const filterShape = {
  action: z.enum(AUDIT_ACTIONS).optional().describe("Only entries of this action."),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional().describe("Only entries by this kind of actor."),
  actorId: z.string().min(1).max(64).optional().describe("Only entries by this user, token or agent."),
  targetId: z.string().min(1).max(64).optional().describe("Only entries about this object."),
  since: z.iso.datetime().optional().describe("Only entries at or after this time."),
  until: z.iso.datetime().optional().describe("Only entries before this time."),
};

export const auditLogFilters = z.object(filterShape);
export type AuditLogFilters = z.infer<typeof auditLogFilters>;

export const listAuditLogQuery = z.object({ ...paginationQueryShape, ...filterShape });
export type ListAuditLogQuery = z.infer<typeof listAuditLogQuery>;
