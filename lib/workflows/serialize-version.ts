import { storedCrew } from "./serialize-workflow";

export const versionSelect = {
  id: true,
  workflowId: true,
  version: true,
  crew: true,
  source: true,
  note: true,
  createdById: true,
  createdAt: true,
} as const;

export function serializeVersion<T extends { crew: unknown }>(row: T) {
  return { ...row, crew: storedCrew(row.crew) };
}
