import "server-only";
import { recordAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import type { EventFields } from "@/lib/events/field-types";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import type { Graph } from "@/lib/workflows/graph/types";
import { compileProject } from "./compile-project";
import { patchRegistryEvents } from "./patch-registry";
import { assignDirs, formatRegistry, formatSteps, sortFiles, type FormatWorkflow } from "./format-project";
import {
  REGISTRY_FILE,
  type ProjectEvent,
  type ProjectFiles,
  type ProjectSandbox,
  type ProjectTool,
  type WorkflowContext,
} from "./types";

interface Stored extends FormatWorkflow {
  /** The step files the current version was imported from; null after a dashboard edit. */
  files: ProjectFiles | null;
}

/** JSON with every object's keys sorted (jsonb columns do not keep the order they were written in). */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A graph with its nodes and edges in one order and without editor positions, to compare two. */
function canonical(graph: Graph): string {
  const nodes = graph.nodes.map(({ position: _position, ...n }) => stable(n)).sort();
  const edges = graph.edges.map((e) => stable([e.from, e.to, e.when ?? null])).sort();
  return stable({ ...graph, nodes, edges });
}

function sameEvents(a: ProjectEvent[], b: ProjectEvent[]): boolean {
  const key = (events: ProjectEvent[]) =>
    stable([...events].sort((x, y) => (x.name < y.name ? -1 : 1)).map((e) => [e.name, e.description, e.fields]));
  return key(a) === key(b);
}

/** Whether `files` compile to exactly these workflows and event types. */
function describes(files: ProjectFiles, workflows: Stored[], events: ProjectEvent[]): boolean {
  const result = compileProject(files);
  if (!result.ok || result.project.workflows.length !== workflows.length) return false;
  if (!sameEvents(result.project.events, events)) return false;
  return workflows.every((w) => {
    const c = result.project.workflows.find((x) => x.name === w.name);
    return !!c && c.model === w.model && c.description === w.description && canonical(c.graph) === canonical(w.graph);
  });
}

/**
 * The workspace's graph workflows and event types as project files. What an
 * import sent comes back verbatim while it still describes the workspace; a
 * workflow changed since in the dashboard is written by the formatter, and
 * event types changed through the API are patched into the registry as it
 * was written. Crew workflows are not part of a project.
 */
export async function exportProject(scope: Scope, actor: AuditActor): Promise<{ files: ProjectFiles }> {
  const files = await projectFiles(scope);
  // A read has no transaction to join: the entry is written once the files are read.
  await recordAuditEntry(scope, actor, {
    action: "project.exported",
    target: { type: "workspace", id: scope.workspaceId },
    details: { files: Object.keys(files).length },
  });
  return { files };
}

async function projectFiles(scope: Scope): Promise<ProjectFiles> {
  const [rows, eventTypes, workspace, skills, sensors] = await Promise.all([
    scope.db.workflow.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, description: true, model: true, currentVersion: true },
    }),
    scope.db.eventType.findMany({ orderBy: { name: "asc" }, select: { name: true, fields: true, description: true } }),
    scope.db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, select: { projectRegistry: true } }),
    scope.db.skill.findMany({ orderBy: { name: "asc" }, select: { files: true } }),
    scope.db.sensor.findMany({ orderBy: { name: "asc" }, select: { file: true, content: true } }),
  ]);
  // Skills and sensors come back as they were pushed, byte for byte.
  const extra: ProjectFiles = Object.assign(
    {},
    ...skills.map((s) => s.files as ProjectFiles),
    ...sensors.map((s) => ({ [s.file]: s.content })),
  );
  const versions = await scope.db.workflowVersion.findMany({
    where: { OR: rows.map((w) => ({ workflowId: w.id, version: w.currentVersion })) },
    select: { workflowId: true, graph: true, files: true, context: true },
  });
  const byWorkflow = new Map(versions.map((v) => [v.workflowId, v]));
  const workflows: Stored[] = rows.flatMap((w) => {
    const version = byWorkflow.get(w.id);
    const graph = version ? storedGraph(version.graph) : null;
    if (!graph) return [];
    const files = (version!.files as ProjectFiles | null) ?? null;
    const dir = files ? Object.keys(files)[0]?.split("/")[1] : undefined;
    return [{ name: w.name, description: w.description, model: w.model, graph, files, dir }];
  });
  const events: ProjectEvent[] = eventTypes.map((e) => ({
    name: e.name,
    fields: e.fields as EventFields,
    description: e.description,
  }));
  const dirs = assignDirs(workflows);
  const steps = (verbatim: boolean): ProjectFiles =>
    Object.assign(
      { ...extra },
      ...workflows.map((w, i) => (verbatim && w.files && w.dir === dirs[i] ? w.files : formatSteps(dirs[i]!, w.graph))),
    );
  // The tools and sandboxes the workflows' nodes use, from what each version pinned.
  const tools = new Map<string, ProjectTool>();
  const sandboxes = new Map<string, ProjectSandbox>();
  for (const v of versions) {
    const context = (v.context ?? {}) as Partial<WorkflowContext>;
    for (const t of context.tools ?? []) tools.set(t.name, t);
    for (const s of context.sandboxes ?? []) sandboxes.set(s.name, s);
  }
  const formattedRegistry = formatRegistry(workflows, dirs, events, {
    tools: [...tools.values()],
    sandboxes: [...sandboxes.values()],
  });
  const candidates: ProjectFiles[] = [];
  if (workspace.projectRegistry !== null) {
    candidates.push({ [REGISTRY_FILE]: workspace.projectRegistry, ...steps(true) });
    // Event types added or changed through the API since: the registry as written, its events updated.
    const patched = patchRegistryEvents(workspace.projectRegistry, events);
    if (patched !== null) candidates.push({ [REGISTRY_FILE]: patched, ...steps(true) });
  }
  candidates.push({ [REGISTRY_FILE]: formattedRegistry, ...steps(true) });
  for (const files of candidates) {
    if (workflows.length && describes(files, workflows, events)) return sortFiles(files);
  }
  return sortFiles({ [REGISTRY_FILE]: formattedRegistry, ...steps(false) });
}
