import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { workspaceNameSchema } from "./create-workspace";

const MAX_ALLOWLIST = 100;

/** A host name, or `*.` and a domain for its subdomains; no scheme, port or path. */
const allowlistHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    "Use a host name such as api.example.com or *.example.com (no scheme, port or path)",
  );

export const updateWorkspaceSchema = z
  .object({
    name: workspaceNameSchema,
    /** Hosts agents' http_request may reach. */
    httpAllowlist: z
      .array(allowlistHost)
      .max(MAX_ALLOWLIST, `At most ${MAX_ALLOWLIST} hosts`)
      .transform((hosts) => [...new Set(hosts)]),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send name or httpAllowlist");

export function renameWorkspace({ workspaceId }: Scope, input: z.infer<typeof updateWorkspaceSchema>) {
  return db.workspace.update({
    where: { id: workspaceId },
    data: { name: input.name, httpAllowlist: input.httpAllowlist },
    select: { id: true, name: true, slug: true, plan: true, httpAllowlist: true },
  });
}
