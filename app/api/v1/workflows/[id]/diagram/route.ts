import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getDiagram } from "@/lib/workflows/get-diagram";

/** The workflow's graph as Mermaid (default) or DOT source. */
export const GET = withWorkspace(workflows.getDiagram, async ({ scope, params, query }) =>
  json(await getDiagram(scope, params.id!, query.format)),
);
