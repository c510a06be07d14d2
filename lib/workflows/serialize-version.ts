import { contentWithModelRefs, versionContent } from "./serialize-workflow";

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
  return { ...row, ...contentWithModelRefs(versionContent(row)) };
}
