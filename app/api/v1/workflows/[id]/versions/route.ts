import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { listVersions } from "@/lib/workflows/list-versions";
import { listVersionsQuerySchema } from "@/lib/workflows/schemas";

/** The crew's versions, newest first. */
export const GET = withWorkspace(
  async ({ scope, params, query }) => json(await listVersions(scope, params.id!, query)),
  {
    query: listVersionsQuerySchema,
  },
);
