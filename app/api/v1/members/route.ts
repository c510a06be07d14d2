import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { listMembers } from "@/lib/members/members";

export const GET = withWorkspace(foundation.listMembers, async ({ scope }) => json({ data: await listMembers(scope) }));
