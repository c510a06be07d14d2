import { modelText } from "@/lib/queries/workflow-graph";
import type { Agent, CrewAgentBody } from "@/lib/queries/workflow-types";

/** An agent being edited; `key` keeps its card (and focus) stable while the crew is reordered. */
export interface DraftAgent {
  key: string;
  role: string;
  systemPrompt: string;
  /** Empty: the agent uses the workflow's default model. */
  model: string;
  /** Kept as the API gave them; the card shows the credentials when the agent has http_request. */
  tools?: string[];
  credentials: string[];
  /** Empty: the agent takes the crew's tone. */
  responseTone: string;
}

export type AgentField = "role" | "systemPrompt" | "model" | "responseTone";
export type AgentErrors = Partial<Record<AgentField, string>>;

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `agent-${counter}`;
}

export function toDraft(crew: Agent[]): DraftAgent[] {
  return crew.map((a) => ({
    key: newKey(),
    role: a.role,
    systemPrompt: a.systemPrompt,
    model: a.model ? modelText(a.model) : "",
    ...(a.tools ? { tools: a.tools } : {}),
    credentials: a.credentials ?? [],
    responseTone: a.responseTone ?? "",
  }));
}

/** The crew to send: a blank model means "inherit", so it is left out; tools and credentials travel as they are. */
export function fromDraft(draft: DraftAgent[]): CrewAgentBody[] {
  return draft.map((a) => {
    const agent: CrewAgentBody = { role: a.role, systemPrompt: a.systemPrompt };
    const model = a.model.trim();
    if (model) agent.model = model;
    if (a.tools) agent.tools = a.tools;
    if (a.credentials.length) agent.credentials = a.credentials;
    const tone = a.responseTone.trim();
    if (tone) agent.responseTone = tone;
    return agent;
  });
}

const sameList = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** A served crew as the body that would save it unchanged. */
export function crewBody(crew: Agent[]): CrewAgentBody[] {
  return fromDraft(toDraft(crew));
}

export function sameCrew(a: CrewAgentBody[], b: CrewAgentBody[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.role === y.role &&
      x.systemPrompt === y.systemPrompt &&
      (x.model ?? "") === (y.model ?? "") &&
      (x.responseTone ?? "") === (y.responseTone ?? "") &&
      sameList(x.tools, y.tools) &&
      sameList(x.credentials, y.credentials)
    );
  });
}

/** A copy of `list` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

/**
 * The API's field errors (`crew.1.systemPrompt`) sorted by agent, plus any
 * error about the crew as a whole (`crew`, e.g. too many agents).
 */
export function crewFieldErrors(fields: Record<string, string>): {
  agents: Map<number, AgentErrors>;
  crew: string | null;
} {
  const agents = new Map<number, AgentErrors>();
  let crew: string | null = null;
  for (const [field, message] of Object.entries(fields)) {
    const match = /^crew\.(\d+)\.(role|systemPrompt|model|responseTone)$/.exec(field);
    if (match) {
      const index = Number(match[1]);
      agents.set(index, { ...agents.get(index), [match[2] as AgentField]: message });
    } else if (field === "crew" || field.startsWith("crew.")) {
      crew ??= message;
    }
  }
  return { agents, crew };
}
