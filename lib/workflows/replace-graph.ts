import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { VersionSource } from "@/lib/generated/prisma/enums";
import type { Graph } from "./graph/types";
import { replaceVersion, type VersionAudit } from "./replace-version";

export interface ReplaceGraphOptions {
  workflowId: string;
  graph: Graph;
  source?: VersionSource;
  createdById?: string | null;
  note?: string | null;
  skipIfUnchanged?: boolean;
  /** Who made the change, for the audit log. */
  audit: VersionAudit;
}

/** Makes `graph` a graph workflow's graph as a new version; 409 for a crew workflow. */
export async function replaceGraph(scope: Scope, options: ReplaceGraphOptions) {
  const { graph, ...rest } = options;
  return replaceVersion(scope, { ...rest, content: { graph }, requireKind: "graph" });
}
