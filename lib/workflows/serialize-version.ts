import { contentWithModelRefs, versionContent } from "./serialize-workflow";

export const versionSelect = {
  id: true,
  workflowId: true,
  version: true,
  crew: true,
  graph: true,
  responseTone: true,
  source: true,
  note: true,
  createdById: true,
  createdAt: true,
} as const;

/** A version as served; a crew's tone is its chain graph's `responseTone`, not a field of its own. */
export function serializeVersion<T extends { crew: unknown; graph: unknown; responseTone?: string | null }>(row: T) {
  const { responseTone: _tone, ...rest } = row;
  return { ...rest, ...contentWithModelRefs(versionContent(row)) };
}
