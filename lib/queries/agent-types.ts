/** Agent shapes as the dashboard reads them from /api/v1/agents (dates are ISO strings). */
import type { AgentCapability } from "@/lib/agents/constants";
import type { Schedule } from "@/lib/agents/schedule-schema";
import type { Agent as CrewMember, Graph } from "./workflow-types";

export type AgentStatus = "idle" | "running" | "failed" | "paused";
export type Verdict = "ok" | "modify" | "fail";

export interface AgentDto {
  id: string;
  name: string;
  role: string;
  description: string;
  goal: string;
  model: string;
  capabilities: AgentCapability[];
  /** "propose": a reflection's patch waits for an admin's decision. */
  patchMode: "apply" | "propose";
  status: AgentStatus;
  schedule: Schedule;
  timezone: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  workflowIds: string[];
  workflows: { id: string; name: string; status: string; currentVersion: number }[];
  createdAt: string;
  updatedAt: string;
}

export interface VersionRef {
  id: string;
  version: number;
  source: string;
  /** Null for a graph workflow's version, which has `graph` instead. */
  crew: CrewMember[] | null;
  graph?: Graph;
}

export interface ReflectionDto {
  id: string;
  tickId: string | null;
  workflowId: string | null;
  verdict: Verdict;
  reason: string;
  rolledBack: boolean;
  raw: string | null;
  from: VersionRef | null;
  to: VersionRef | null;
  createdAt: string;
}

export interface AgentLogDto {
  id: string;
  level: "debug" | "info" | "warn" | "error";
  message: string;
  createdAt: string;
}

export interface AgentScheduleDto {
  timezone: string;
  paused: boolean;
  runs: { at: string; local: string }[];
}

export interface AgentInput {
  name: string;
  role: string;
  description: string;
  goal: string;
  workflowIds: string[];
  model: string;
  capabilities: AgentCapability[];
  patchMode: "apply" | "propose";
  schedule: Record<string, unknown>;
}
