import * as memories from "@/lib/api/operations/memories";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteMemories, listMemories } from "@/lib/memory/list-memories";

/** A user's memories, newest first, or with `q` the best matches first. */
export const GET = withWorkspace(memories.listMemories, async ({ scope, query }) =>
  json(await listMemories(scope, query)),
);

/** Forgets a user: every memory stored about them in this workspace. */
export const DELETE = withWorkspace(memories.deleteMemories, async ({ scope, query }) =>
  json(await deleteMemories(scope, query.userId)),
);
