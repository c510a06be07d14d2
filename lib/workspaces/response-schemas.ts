import { z } from "zod";
import { planIdSchema } from "@/lib/billing/response-schemas";

/*
 * What the workspace endpoints and GET /api/v1/me return. No server code: the browser reads its
 * types from here.
 */

/** A member's role in a workspace. */
export const roleSchema = z.enum(["owner", "admin", "member"]);

export const workspaceResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    plan: planIdSchema,
    role: roleSchema,
    httpAllowlist: z.array(z.string()).optional().describe("Hosts agents' http_request may reach (returned by PATCH)."),
  })
  .meta({ id: "Workspace", description: "A workspace and the caller's role in it." });

export const meResponseSchema = z.object({
  workspace: workspaceResponseSchema.omit({ role: true }),
  role: roleSchema,
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }).nullable(),
  token: z.object({ id: z.string(), name: z.string() }).nullable(),
});
