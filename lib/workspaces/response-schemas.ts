import { z } from "zod";
import { planSchema } from "@/lib/billing/response-schemas";

/** What the workspace routes answer (declared by lib/api/operations, checked by the tests, typed for the dashboard). */

export const roleSchema = z.enum(["owner", "admin", "member"]);

export const workspaceResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    plan: planSchema,
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
