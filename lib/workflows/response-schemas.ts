import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { modelRefResponseSchema } from "@/lib/graph/model-ref";
import { graphWithModelRefsSchema } from "@/lib/graph/schemas";
import { toolCredentialsSchema, toolsSchema } from "@/lib/tools/tool-names";
import { runStatusSchema } from "./run-status";

/*
 * What the workflow endpoints return (documented in the OpenAPI document and checked by tests).
 * No server code: the browser reads its types from here.
 */

export const workflowStatusSchema = z.enum(["active", "paused"]);

const kindSchema = z.enum(["crew", "graph"]).describe("crew: a chain of agents; graph: nodes and edges.");

/** A graph as served: a graph workflow's, or a crew's chain (agent-1 → … → END). */
export const graphResponseSchema = graphWithModelRefsSchema.meta({ id: "GraphResponse" });

/** A crew's agent as served: its model, when it has its own, as the object. */
export const crewAgentResponseSchema = z
  .object({
    role: z.string(),
    systemPrompt: z.string(),
    model: modelRefResponseSchema.optional().describe("Overrides the workflow's default model for this agent."),
    tools: toolsSchema.optional(),
    credentials: toolCredentialsSchema.optional(),
    responseTone: z
      .string()
      .optional()
      .describe("This agent's tone; without one it takes the crew's (graph.responseTone)."),
  })
  .meta({ id: "CrewAgentResponse" });

const crewSchema = z.array(crewAgentResponseSchema).describe("Agents run top to bottom.");

export const workflowResponseSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    model: modelRefResponseSchema.describe("Default model of the crew's agents."),
    status: workflowStatusSchema,
    currentVersion: z.number().int().describe("Version number of the current crew or graph."),
    kind: kindSchema,
    crew: crewSchema.nullable().describe("The crew; null for a graph workflow."),
    graph: graphResponseSchema,
    nextTriggerAt: dateTimeSchema
      .nullable()
      .describe("When the graph's cron trigger next starts a run; null without one or while paused."),
    createdBy: z.enum(["user", "assistant", "loopi"]).describe("loopi: created from a Loopi chat (chatId)."),
    chatId: z.string().nullable().describe("The Loopi chat the workflow was created from; null otherwise."),
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({ id: "Workflow" });

export const workflowListItemSchema = workflowResponseSchema
  .extend({
    lastRun: z.strictObject({ id: z.string(), status: runStatusSchema, createdAt: dateTimeSchema }).nullable(),
    runsThisMonth: z.number().int().describe("Runs created this calendar month (UTC)."),
  })
  .meta({ id: "WorkflowListItem" });

export const crewResponseSchema = z
  .object({
    workflowId: z.string(),
    version: z.number().int(),
    kind: kindSchema.optional().describe("Restore: the restored version's kind."),
    crew: crewSchema.nullable().describe("Null when a restore made a graph current."),
    responseTone: z
      .string()
      .nullable()
      .optional()
      .describe("GET and PUT: the crew's tone, inherited by agents without their own; null for none."),
    graph: graphResponseSchema.optional().describe("Restore: the current graph."),
    created: z.boolean().optional().describe("PUT: false when the crew was unchanged (no new version)."),
    restoredFrom: z.number().int().optional().describe("Restore: the version whose crew was restored."),
  })
  .meta({ id: "CrewVersion" });

export const versionResponseSchema = z
  .strictObject({
    id: z.string(),
    workflowId: z.string(),
    version: z.number().int(),
    kind: kindSchema,
    crew: crewSchema.nullable(),
    graph: graphResponseSchema,
    source: z.enum(["user", "restore", "reflection", "rollback"]),
    note: z.string().nullable(),
    createdById: z.string().nullable(),
    createdAt: dateTimeSchema,
    current: z.boolean(),
  })
  .meta({ id: "WorkflowVersion" });

export const graphVersionResponseSchema = z
  .object({
    workflowId: z.string(),
    version: z.number().int(),
    kind: kindSchema,
    graph: graphResponseSchema,
    created: z.boolean().optional().describe("PUT: false when the graph was unchanged (no new version)."),
  })
  .meta({ id: "GraphVersion" });

export const diagramResponseSchema = z
  .strictObject({
    format: z.enum(["mermaid", "dot"]),
    source: z.string().describe("Mermaid flowchart or Graphviz DOT source."),
  })
  .meta({ id: "Diagram" });
