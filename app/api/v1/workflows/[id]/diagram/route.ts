import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getDiagram } from "@/lib/workflows/get-diagram";
import { diagramQuerySchema } from "@/lib/workflows/schemas";

/** The workflow's graph as Mermaid (default) or DOT source. */
export const GET = withWorkspace(
  async ({ scope, params, query }) => json(await getDiagram(scope, params.id!, query.format)),
  { query: diagramQuerySchema },
);
