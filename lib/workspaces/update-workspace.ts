import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { workspaceNameSchema } from "./create-workspace";

export const updateWorkspaceSchema = z.object({ name: workspaceNameSchema });

export function renameWorkspace({ workspaceId }: Scope, input: z.infer<typeof updateWorkspaceSchema>) {
  return db.workspace.update({
    where: { id: workspaceId },
    data: { name: input.name },
    select: { id: true, name: true, slug: true, plan: true },
  });
}
