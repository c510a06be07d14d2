import { storedCrewSchema, type Crew } from "./schemas";

/** Workflow columns the API returns. */
export const workflowSelect = {
  id: true,
  name: true,
  description: true,
  model: true,
  status: true,
  currentVersion: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface WorkflowRow {
  id: string;
  name: string;
  description: string | null;
  model: string;
  status: "active" | "paused";
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A crew as stored in a version's JSON column. */
export function storedCrew(json: unknown): Crew {
  return storedCrewSchema.parse(json);
}

export function serializeWorkflow(row: WorkflowRow, crew: Crew) {
  return { ...row, crew };
}
export type WorkflowDto = ReturnType<typeof serializeWorkflow>;
