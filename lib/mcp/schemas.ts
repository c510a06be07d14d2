import { z } from "zod";

export const MAX_MCP_SERVERS_PER_WORKSPACE = 20;

export const createMcpServerSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "Use a slug: lowercase letters, digits, - and _, at most 40 characters")
      .describe('Agents and nodes list the server as "mcp:<name>".'),
    url: z
      .url({ protocol: /^https?$/, error: "Use an http or https URL" })
      .max(2000)
      .describe("The server's streamable HTTP endpoint."),
    credentialId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("An http or mcp credential of the workspace, sent as a bearer token."),
  })
  .meta({ id: "CreateMcpServer" });
export type CreateMcpServerInput = z.infer<typeof createMcpServerSchema>;

export const mcpServerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    credentialId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "McpServer", description: "A registered MCP server (never a secret)." });
