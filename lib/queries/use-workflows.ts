"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "./api-client";
import { pageUrl } from "./page-url";
import { runKeys } from "./use-runs";
import type { z } from "zod";
import type { modelRefInputSchema } from "@/lib/graph/model-ref";
import type { graphShapeSchema } from "@/lib/graph/schemas";
import type { createRunSchema } from "@/lib/runs/schemas";
import type {
  CrewAgentBody,
  CrewSaved,
  Diagram,
  DiagramFormat,
  GraphSaved,
  Page,
  Run,
  Workflow,
  WorkflowListItem,
  WorkflowVersion,
} from "./workflow-types";

export const workflowKeys = {
  all: (slug: string) => ["workspace", slug, "workflows"] as const,
  list: (slug: string) => ["workspace", slug, "workflows", "list"] as const,
  detail: (slug: string, id: string) => ["workspace", slug, "workflows", "detail", id] as const,
  versions: (slug: string, id: string) => ["workspace", slug, "workflows", "versions", id] as const,
  version: (slug: string, id: string, version: number) =>
    ["workspace", slug, "workflows", "versions", id, version] as const,
  diagram: (slug: string, id: string, version: number, format: DiagramFormat) =>
    ["workspace", slug, "workflows", "diagram", id, version, format] as const,
};

const path = (id: string, rest = "") => `/api/v1/workflows/${encodeURIComponent(id)}${rest}`;

export function useWorkflows(slug: string) {
  return useInfiniteQuery({
    queryKey: workflowKeys.list(slug),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<WorkflowListItem>>(pageUrl("/api/v1/workflows", 50, pageParam), {
        workspace: slug,
        signal,
      }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useWorkflow(slug: string, id: string) {
  return useQuery({
    queryKey: workflowKeys.detail(slug, id),
    queryFn: ({ signal }) => apiRequest<Workflow>(path(id), { workspace: slug, signal }),
  });
}

export function useWorkflowVersions(slug: string, id: string) {
  return useInfiniteQuery({
    queryKey: workflowKeys.versions(slug, id),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<WorkflowVersion>>(pageUrl(path(id, "/versions"), 10, pageParam), {
        workspace: slug,
        signal,
      }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One version (GET …/versions/{version}); its crew or graph never changes, so it is fetched once. */
export function useWorkflowVersion(slug: string, id: string, version: number) {
  return useQuery({
    queryKey: workflowKeys.version(slug, id, version),
    queryFn: ({ signal }) => apiRequest<WorkflowVersion>(path(id, `/versions/${version}`), { workspace: slug, signal }),
    staleTime: Infinity,
  });
}

/** POST /api/v1/workflows: a name, and a graph instead of the default crew when one is given. */
export type CreateWorkflowInput = Pick<Workflow, "name"> &
  Partial<Pick<Workflow, "description">> & {
    model?: z.input<typeof modelRefInputSchema>;
    crew?: CrewAgentBody[];
    graph?: z.input<typeof graphShapeSchema>;
  };

export function useCreateWorkflow(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWorkflowInput) =>
      apiRequest<Workflow>("/api/v1/workflows", { method: "POST", workspace: slug, body: input }),
    onSuccess: (workflow) => {
      client.setQueryData(workflowKeys.detail(slug, workflow.id), workflow);
      return client.invalidateQueries({ queryKey: workflowKeys.list(slug) });
    },
  });
}

/** PATCH /api/v1/workflows/{id}: any of its name, description, default model and status. */
export type UpdateWorkflowInput = Partial<Pick<Workflow, "name" | "description" | "status">> & {
  model?: z.input<typeof modelRefInputSchema>;
};

export function useUpdateWorkflow(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateWorkflowInput) =>
      apiRequest<Workflow>(path(id), { method: "PATCH", workspace: slug, body: input }),
    onSuccess: (workflow) => {
      client.setQueryData(workflowKeys.detail(slug, id), workflow);
      return client.invalidateQueries({ queryKey: workflowKeys.list(slug) });
    },
  });
}

export function useDeleteWorkflow(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>(path(id), { method: "DELETE", workspace: slug }),
    onSuccess: () => {
      client.removeQueries({ queryKey: workflowKeys.detail(slug, id) });
      return client.invalidateQueries({ queryKey: workflowKeys.list(slug) });
    },
  });
}

/** After the crew changed: the workflow, its versions and the list all move on. */
function refreshAfterCrewChange(client: ReturnType<typeof useQueryClient>, slug: string, id: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: workflowKeys.detail(slug, id) }),
    client.invalidateQueries({ queryKey: workflowKeys.versions(slug, id) }),
    client.invalidateQueries({ queryKey: workflowKeys.list(slug) }),
  ]);
}

export function useSaveCrew(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { crew: CrewAgentBody[]; note?: string; responseTone?: string }) =>
      apiRequest<CrewSaved>(path(id, "/crew"), { method: "PUT", workspace: slug, body: input }),
    onSuccess: () => refreshAfterCrewChange(client, slug, id),
  });
}

/** PUT …/graph: a changed graph becomes a new version. */
export function useSaveGraph(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { graph: z.input<typeof graphShapeSchema>; note?: string }) =>
      apiRequest<GraphSaved>(path(id, "/graph"), { method: "PUT", workspace: slug, body: input }),
    onSuccess: () => refreshAfterCrewChange(client, slug, id),
  });
}

export function useRestoreVersion(slug: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest<CrewSaved>(path(id, `/versions/${version}/restore`), {
        method: "POST",
        workspace: slug,
      }),
    onSuccess: () => refreshAfterCrewChange(client, slug, id),
  });
}

export function useStartRun(slug: string, workflowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createRunSchema>) =>
      apiRequest<Run>(path(workflowId, "/runs"), { method: "POST", workspace: slug, body: input }),
    onSuccess: (run) => {
      client.setQueryData(runKeys.detail(slug, run.id), run);
      return Promise.all([
        client.invalidateQueries({ queryKey: runKeys.lists(slug) }),
        client.invalidateQueries({ queryKey: workflowKeys.list(slug) }),
      ]);
    },
  });
}

/**
 * Fetches the workflow's diagram source (GET /api/v1/workflows/{id}/diagram) and copies it;
 * a version's source is fetched once.
 */
export function useCopyDiagram(slug: string, id: string, version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (format: DiagramFormat) => {
      const diagram = await client.fetchQuery({
        queryKey: workflowKeys.diagram(slug, id, version, format),
        queryFn: ({ signal }) =>
          apiRequest<Diagram>(`${path(id, "/diagram")}?format=${format}`, { workspace: slug, signal }),
        staleTime: Infinity,
      });
      await navigator.clipboard.writeText(diagram.source);
      return diagram;
    },
  });
}
