import type { AgentCapability } from "@/lib/agents/constants";
import type { AgentDto, AgentInput } from "@/lib/queries/agent-types";
import { modelText } from "@/lib/queries/workflow-graph";
import { emptyScheduleDraft, scheduleBody, scheduleDraftFrom, type ScheduleDraft } from "./schedule-draft";

/** Everything the agent form edits, as the form holds it. */
export interface AgentDraft {
  name: string;
  role: string;
  description: string;
  goal: string;
  model: string;
  workflowIds: string[];
  capabilities: AgentCapability[];
  /** What a reflection's patch does: saved at once, or proposed to an admin. */
  patchMode: "apply" | "propose";
  schedule: ScheduleDraft;
}

/** A new agent: a capable model, the usual capabilities, run by hand in `timezone`. */
export function emptyAgentDraft(timezone: string): AgentDraft {
  return {
    name: "",
    role: "",
    description: "",
    goal: "",
    model: "claude-sonnet-4-6",
    workflowIds: [],
    capabilities: ["ai", "workflows"],
    patchMode: "apply",
    schedule: { ...emptyScheduleDraft(), timezone },
  };
}

export function agentDraftFrom(agent: AgentDto): AgentDraft {
  return {
    name: agent.name,
    role: agent.role,
    description: agent.description,
    goal: agent.goal,
    model: modelText(agent.model),
    workflowIds: [...agent.workflowIds],
    capabilities: [...agent.capabilities],
    patchMode: agent.patchMode,
    schedule: scheduleDraftFrom(agent.schedule),
  };
}

/** The create body for a draft. */
export function agentBody(draft: AgentDraft): AgentInput {
  return { ...draft, schedule: scheduleBody(draft.schedule) };
}

const sameSet = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x) => b.includes(x));
const sameList = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The PATCH body: only the fields that differ from `initial`. Workflow order
 * counts (the agent runs them in order); capability order does not.
 */
export function changedFields(initial: AgentDraft, draft: AgentDraft): Partial<AgentInput> {
  const out: Partial<AgentInput> = {};
  for (const key of ["name", "role", "description", "goal", "model"] as const) {
    if (draft[key] !== initial[key]) out[key] = draft[key];
  }
  if (!sameList(draft.workflowIds, initial.workflowIds)) out.workflowIds = draft.workflowIds;
  if (!sameSet(draft.capabilities, initial.capabilities)) out.capabilities = draft.capabilities;
  if (draft.patchMode !== initial.patchMode) out.patchMode = draft.patchMode;
  const schedule = scheduleBody(draft.schedule);
  if (JSON.stringify(schedule) !== JSON.stringify(scheduleBody(initial.schedule))) out.schedule = schedule;
  return out;
}
