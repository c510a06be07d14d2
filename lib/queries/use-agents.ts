"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tickInProgress, type PendingTick } from "./agent-tick";
import { apiRequest } from "./api-client";
import { pageUrl } from "./page-url";
import type { AgentDto, AgentInput, AgentLogDto, AgentScheduleDto, ReflectionDto, RollbackDto } from "./agent-types";
import type { ListResponse } from "./types";
import { workflowKeys } from "./use-workflows";
import type { Page } from "./workflow-types";

export const agentKeys = {
  all: (slug: string) => ["workspace", slug, "agents"] as const,
  list: (slug: string) => ["workspace", slug, "agents", "list"] as const,
  detail: (slug: string, id: string) => ["workspace", slug, "agents", "detail", id] as const,
  schedule: (slug: string, id: string) => ["workspace", slug, "agents", "schedule", id] as const,
  reflections: (slug: string, id: string) => ["workspace", slug, "agents", "reflections", id] as const,
  logs: (slug: string, id: string) => ["workspace", slug, "agents", "logs", id] as const,
  /** The tick "Start now" asked for, kept in the cache (never fetched) until the agent shows it ran. */
  pendingTick: (slug: string, id: string) => ["workspace", slug, "agents", "pending-tick", id] as const,
};

const path = (id: string, rest = "") => `/api/v1/agents/${encodeURIComponent(id)}${rest}`;
/** How often pages refresh while an agent is working. */
const LIVE_MS = 2000;

export function useAgents(slug: string) {
  return useInfiniteQuery({
    queryKey: agentKeys.list(slug),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<AgentDto>>(pageUrl("/api/v1/agents", 50, pageParam), { workspace: slug, signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.data.some((a) => a.status === "running")) ? LIVE_MS : false,
  });
}

export function useAgent(slug: string, id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: agentKeys.detail(slug, id),
    queryFn: async ({ signal }) => {
      const before = client.getQueryData<AgentDto>(agentKeys.detail(slug, id));
      const agent = await apiRequest<AgentDto>(path(id), { workspace: slug, signal });
      // A tick just ended (or the agent changed): its reflections, logs and schedule moved on too.
      if (before && (before.status !== agent.status || before.lastRunAt !== agent.lastRunAt)) {
        void client.invalidateQueries({ queryKey: agentKeys.reflections(slug, id) });
        void client.invalidateQueries({ queryKey: agentKeys.logs(slug, id) });
        void client.invalidateQueries({ queryKey: agentKeys.schedule(slug, id) });
      }
      return agent;
    },
    refetchInterval: (q) =>
      tickInProgress(q.state.data, client.getQueryData<PendingTick>(agentKeys.pendingTick(slug, id)), Date.now())
        ? LIVE_MS
        : false,
  });
}

/**
 * Whether the agent is working or a tick it was asked for has not shown yet
 * (as of `readAt`, when the agent was last read): its reflections and logs refresh meanwhile.
 */
export function useAgentLive(slug: string, agent: AgentDto, readAt: number): boolean {
  const client = useQueryClient();
  return tickInProgress(agent, client.getQueryData<PendingTick>(agentKeys.pendingTick(slug, agent.id)), readAt);
}

export function useAgentSchedule(slug: string, id: string, nextRunAt: string | null | undefined) {
  return useQuery({
    queryKey: [...agentKeys.schedule(slug, id), nextRunAt ?? null],
    queryFn: ({ signal }) => apiRequest<AgentScheduleDto>(path(id, "/schedule?count=5"), { workspace: slug, signal }),
  });
}

export function useAgentReflections(slug: string, id: string, live: boolean) {
  return useQuery({
    queryKey: agentKeys.reflections(slug, id),
    queryFn: ({ signal }) =>
      apiRequest<ListResponse<ReflectionDto>>(path(id, "/reflections"), { workspace: slug, signal }),
    refetchInterval: live ? LIVE_MS : false,
  });
}

export function useAgentLogs(slug: string, id: string, live: boolean) {
  return useQuery({
    queryKey: agentKeys.logs(slug, id),
    queryFn: ({ signal }) => apiRequest<ListResponse<AgentLogDto>>(path(id, "/logs"), { workspace: slug, signal }),
    refetchInterval: live ? LIVE_MS : false,
  });
}

export function useCreateAgent(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentInput) =>
      apiRequest<AgentDto>("/api/v1/agents", { method: "POST", workspace: slug, body: input }),
    onSuccess: (agent) => {
      client.setQueryData(agentKeys.detail(slug, agent.id), agent);
      return client.invalidateQueries({ queryKey: agentKeys.list(slug) });
    },
  });
}

/** Sends only the fields given; a new schedule moves the next run, so the schedule and logs refresh too. */
export function useUpdateAgent(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<AgentInput>) =>
      apiRequest<AgentDto>(path(id), { method: "PATCH", workspace: slug, body: changes }),
    onSuccess: (agent) => {
      client.setQueryData(agentKeys.detail(slug, id), agent);
      return Promise.all([
        client.invalidateQueries({ queryKey: agentKeys.list(slug) }),
        client.invalidateQueries({ queryKey: agentKeys.logs(slug, id) }),
        client.invalidateQueries({ queryKey: agentKeys.schedule(slug, id) }),
      ]);
    },
  });
}

/** Start now, pause, resume: each answers with the agent (start wraps it). */
export function useAgentAction(slug: string, id: string, action: "start" | "pause" | "resume") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const res = await apiRequest<AgentDto | { agent: AgentDto; tick: { id: string } }>(path(id, `/${action}`), {
        method: "POST",
        workspace: slug,
      });
      return res;
    },
    onSuccess: (res) => {
      const agent = "agent" in res ? res.agent : res;
      if ("tick" in res) {
        // Set before the agent, whose update makes useAgent poll until the tick shows.
        const pending: PendingTick = { tickId: res.tick.id, lastRunAt: agent.lastRunAt, since: Date.now() };
        client.setQueryData(agentKeys.pendingTick(slug, id), pending);
      }
      client.setQueryData(agentKeys.detail(slug, id), agent);
      return Promise.all([
        client.invalidateQueries({ queryKey: agentKeys.list(slug) }),
        client.invalidateQueries({ queryKey: agentKeys.logs(slug, id) }),
        client.invalidateQueries({ queryKey: agentKeys.schedule(slug, id) }),
      ]);
    },
  });
}

export function useDeleteAgent(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>(path(id), { method: "DELETE", workspace: slug }),
    onSuccess: () => {
      client.removeQueries({ queryKey: agentKeys.detail(slug, id) });
      return client.invalidateQueries({ queryKey: agentKeys.list(slug) });
    },
  });
}

export function useRollbackReflection(slug: string, agentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reflectionId: string) =>
      apiRequest<RollbackDto>(path(agentId, `/reflections/${encodeURIComponent(reflectionId)}/rollback`), {
        method: "POST",
        workspace: slug,
      }),
    onSuccess: (res) =>
      Promise.all([
        client.invalidateQueries({ queryKey: agentKeys.logs(slug, agentId) }),
        client.invalidateQueries({ queryKey: agentKeys.detail(slug, agentId) }),
        client.invalidateQueries({ queryKey: workflowKeys.detail(slug, res.workflowId) }),
        client.invalidateQueries({ queryKey: workflowKeys.versions(slug, res.workflowId) }),
      ]),
  });
}
