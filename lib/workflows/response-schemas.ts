import { z } from "zod";
import { dateTimeSchema } from "@/lib/api/openapi-schemas";
import { crewSchema, workflowStatusSchema } from "./schemas";

/** What the workflow endpoints return (documented in the OpenAPI document and checked by tests). */

const runStatus = z.enum(["queued", "running", "completed", "failed", "cancelled"]);

export const workflowResponseSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    model: z.string().describe("Default model of the crew's agents."),
    status: workflowStatusSchema,
    currentVersion: z.number().int().describe("Version number of the current crew."),
    crew: crewSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({ id: "Workflow" });

export const workflowListItemSchema = workflowResponseSchema
  .extend({
    lastRun: z.strictObject({ id: z.string(), status: runStatus, createdAt: dateTimeSchema }).nullable(),
    runsThisMonth: z.number().int().describe("Runs created this calendar month (UTC)."),
  })
  .meta({ id: "WorkflowListItem" });

export const crewResponseSchema = z
  .object({
    workflowId: z.string(),
    version: z.number().int(),
    crew: crewSchema,
    created: z.boolean().optional().describe("PUT: false when the crew was unchanged (no new version)."),
    restoredFrom: z.number().int().optional().describe("Restore: the version whose crew was restored."),
  })
  .meta({ id: "CrewVersion" });

export const versionResponseSchema = z
  .strictObject({
    id: z.string(),
    workflowId: z.string(),
    version: z.number().int(),
    crew: crewSchema,
    source: z.enum(["user", "restore", "reflection", "rollback"]),
    note: z.string().nullable(),
    createdById: z.string().nullable(),
    createdAt: dateTimeSchema,
    current: z.boolean(),
  })
  .meta({ id: "WorkflowVersion" });
