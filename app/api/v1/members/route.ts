import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { listMembers } from "@/lib/members/members";

export const GET = withWorkspace(async ({ scope }) => json({ data: await listMembers(scope) }));
