import { versionContent } from "./serialize-workflow";

export const versionSelect = {
  id: true,
  workflowId: true,
  version: true,
  crew: true,
  graph: true,
  source: true,
  note: true,
  createdById: true,
  createdAt: true,
} as const;

export function serializeVersion<T extends { crew: unknown; graph: unknown }>(row: T) {
  const content = versionContent(row);
  return { ...row, kind: content.kind, crew: content.crew, graph: content.graph };
}
