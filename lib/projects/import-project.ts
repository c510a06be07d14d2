import "server-only";
import { isDeepStrictEqual } from "node:util";
import { AppError } from "@/lib/http/errors";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MAX_EVENT_DESCRIPTION_CHARS, MAX_EVENT_TYPES_PER_WORKSPACE } from "@/lib/events/schemas";
import { workflowsUsingEventType } from "@/lib/events/workflows-using-event-type";
import { assertToolsConfigured } from "@/lib/tools/assert-tools-configured";
import { assertModelCredentials, modelFieldsOf } from "@/lib/workflows/assert-model-credentials";
import { graphJson } from "@/lib/workflows/graph/graph-json";
import { graphSchema } from "@/lib/workflows/graph/schemas";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import type { Graph } from "@/lib/workflows/graph/types";
import { modelSchema } from "@/lib/workflows/model-schema";
import { MAX_WORKFLOWS_PER_WORKSPACE } from "@/lib/workflows/schemas";
import { nextTriggerAt } from "@/lib/workflows/triggers/next-trigger-at";
import { sandboxProvidersOf } from "@/lib/sandboxes/connection";
import { compileProject, locateIssue } from "./compile-project";
import { compileErrors } from "./compile-errors";
import { assertDeclaredToolsConfigured } from "./assert-declared-tools";
import { replaceSkillsAndSensors } from "./replace-skills-and-sensors";
import {
  REGISTRY_FILE,
  type CompileError,
  type CompiledWorkflow,
  type ProjectEvent,
  type ProjectFiles,
  type WorkflowSourceMap,
} from "./types";

type Change = "created" | "updated" | "unchanged";

/** A save-time 400 about `graph.nodes.N.…` turned into the file and line it came from. */
function located(err: unknown, workflow: CompiledWorkflow, sources: WorkflowSourceMap): unknown {
  if (!(err instanceof AppError) || err.status !== 400 || !Array.isArray(err.details)) return err;
  return compileErrors(
    (err.details as { field?: string; message: string }[]).map((d) => {
      const path = (d.field ?? "")
        .replace(/^graph\./, "")
        .split(".")
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      return { ...locateIssue(workflow.graph, sources, path, d.message), message: d.message };
    }),
  );
}

interface Planned {
  compiled: CompiledWorkflow;
  graph: Graph;
  model: string;
}

/** The graph and model as a saved graph holds them: the API's shape, model and graph checks. */
function saveForm(workflow: CompiledWorkflow, sources: WorkflowSourceMap, errors: CompileError[]): Planned | null {
  const parsed = graphSchema.safeParse(workflow.graph);
  const model = modelSchema.safeParse(workflow.model);
  if (!model.success) {
    for (const issue of model.error.issues) {
      errors.push({ file: REGISTRY_FILE, line: 1, message: `Model of workflow "${workflow.name}": ${issue.message}` });
    }
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ ...locateIssue(workflow.graph, sources, issue.path, issue.message), message: issue.message });
    }
  }
  return parsed.success && model.success ? { compiled: workflow, graph: parsed.data, model: model.data } : null;
}

/**
 * The registry's event types as the event-types API would take them: within
 * its limits, and an event type whose fields change used by no workflow the
 * project leaves as it is (its templates and emits were checked against them).
 */
async function assertEventsChangeable(
  scope: Scope,
  events: ProjectEvent[],
  projectWorkflows: string[],
  lines: Record<string, number>,
) {
  const errors: CompileError[] = [];
  const at = (name: string) => ({ file: REGISTRY_FILE, line: lines[name] ?? 1 });
  const rows = await scope.db.eventType.findMany({ select: { name: true, fields: true } });
  const current = new Map(rows.map((r) => [r.name, r.fields]));
  const creating = events.filter((e) => !current.has(e.name)).length;
  if (rows.length + creating > MAX_EVENT_TYPES_PER_WORKSPACE) {
    errors.push({
      ...at(events.find((e) => !current.has(e.name))!.name),
      message: `A workspace can have at most ${MAX_EVENT_TYPES_PER_WORKSPACE} event types; this project would make ${rows.length + creating}`,
    });
  }
  for (const event of events) {
    if (event.description && event.description.length > MAX_EVENT_DESCRIPTION_CHARS) {
      errors.push({
        ...at(event.name),
        message: `events.${event.name}.description: at most ${MAX_EVENT_DESCRIPTION_CHARS} characters`,
      });
    }
    const fields = current.get(event.name);
    if (fields === undefined || isDeepStrictEqual(fields, event.fields)) continue;
    const others = (await workflowsUsingEventType(scope, event.name)).filter((w) => !projectWorkflows.includes(w.name));
    if (others.length) {
      errors.push({
        ...at(event.name),
        message: `events.${event.name}: its fields cannot change while ${others.map((w) => `"${w.name}"`).join(", ")} (not in this project) use it`,
      });
    }
  }
  if (errors.length) throw compileErrors(errors);
}

/** Positions the editor drew for nodes the files keep, so an import does not undo a layout. */
function withPositions(graph: Graph, current: Graph | null): Graph {
  if (!current) return graph;
  const at = new Map(current.nodes.flatMap((n) => (n.position ? [[n.id, n.position] as const] : [])));
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (at.has(n.id) && !n.position ? { ...n, position: at.get(n.id)! } : n)),
  };
}

/**
 * Imports a project's files: compiles them (400 listing every error with its
 * file and line), upserts the registry's event types, and creates or updates
 * one graph workflow per directory, matched by name. A workflow gets a new
 * version only when its graph or its files changed. Workflows and event types
 * the project does not name are left as they are.
 */
export async function importProject(scope: Scope, actor: AuditActor, files: ProjectFiles, createdById: string | null) {
  const result = compileProject(files, { sandboxProviders: await sandboxProvidersOf(scope) });
  if (!result.ok) throw compileErrors(result.errors);
  // A tool the registry does not declare compiles with a warning; the workspace cannot run it.
  const refused = result.warnings.filter((w) => w.refusesPush);
  if (refused.length) throw compileErrors(refused);
  const { project, sources, eventLines } = result;
  await assertDeclaredToolsConfigured(
    scope,
    project.tools,
    project.workflows.map((w) => w.name),
    result.toolLines,
  );
  const declared = new Set(project.tools.map((t) => t.name));

  const errors: CompileError[] = [];
  const planned = project.workflows.map((w) => saveForm(w, sources[w.dir]!, errors));
  if (errors.length) throw compileErrors(errors);
  const plans = planned as Planned[];
  for (const plan of plans) {
    const source = sources[plan.compiled.dir]!;
    try {
      // The workflow's own model (registry.yml), which steps without a model of their own use.
      await assertModelCredentials(scope, [{ field: "model", model: plan.model }]);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      throw compileErrors([
        { file: REGISTRY_FILE, line: 1, message: `Model of workflow "${plan.compiled.name}": ${err.message}` },
      ]);
    }
    try {
      await assertModelCredentials(scope, modelFieldsOf({ graph: plan.graph }));
      await assertToolsConfigured(scope, plan.graph.nodes, "graph.nodes", undefined, declared);
    } catch (err) {
      throw located(err, plan.compiled, source);
    }
  }

  // One import at a time per workspace: two pushes of a new project must not both create it.
  return scope.db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`project-import:${scope.workspaceId}`}))) AS l`;
      const names = plans.map((p) => p.compiled.name);
      const existing = await tx.workflow.findMany({
        where: { name: { in: names } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          name: true,
          description: true,
          model: true,
          status: true,
          currentVersion: true,
          nextTriggerAt: true,
        },
      });
      const byName = new Map<string, (typeof existing)[number]>();
      for (const w of existing) if (!byName.has(w.name)) byName.set(w.name, w);
      const currents = new Map(
        (
          await tx.workflowVersion.findMany({
            where: { OR: existing.map((w) => ({ workflowId: w.id, version: w.currentVersion })) },
            select: { workflowId: true, graph: true, crew: true, files: true, context: true },
          })
        ).map((v) => [v.workflowId, v]),
      );
      for (const plan of plans) {
        const found = byName.get(plan.compiled.name);
        if (found && currents.get(found.id)?.crew) {
          const file = Object.keys(plan.compiled.files)[0]!;
          throw compileErrors([
            {
              file,
              line: 1,
              message: `Workflow "${plan.compiled.name}" exists as a crew workflow; give this one another name`,
            },
          ]);
        }
      }
      await assertEventsChangeable(scope, project.events, names, eventLines);

      const creating = plans.filter((p) => !byName.has(p.compiled.name)).length;
      if (creating && (await tx.workflow.count()) + creating > MAX_WORKFLOWS_PER_WORKSPACE) {
        throw new AppError(
          400,
          "limit_reached",
          `A workspace can have at most ${MAX_WORKFLOWS_PER_WORKSPACE} workflows; delete some first.`,
        );
      }

      const events: { name: string; status: Change }[] = [];
      for (const event of project.events) {
        const row = await tx.eventType.findFirst({
          where: { name: event.name },
          select: { id: true, fields: true, description: true },
        });
        if (!row) {
          await tx.eventType.create({
            data: {
              workspaceId: scope.workspaceId,
              name: event.name,
              fields: event.fields,
              description: event.description,
            },
          });
          events.push({ name: event.name, status: "created" });
        } else if (!isDeepStrictEqual(row.fields, event.fields) || row.description !== event.description) {
          await tx.eventType.update({
            where: { id: row.id },
            data: { fields: event.fields, description: event.description },
          });
          events.push({ name: event.name, status: "updated" });
        } else events.push({ name: event.name, status: "unchanged" });
      }

      const workflows: { id: string; name: string; dir: string; status: Change; version: number }[] = [];
      const versioned: { id: string; version: number; newWorkflow: boolean }[] = [];
      for (const { compiled, graph: parsed, model } of plans) {
        const found = byName.get(compiled.name);
        const stepFiles = compiled.files as Prisma.InputJsonObject;
        const context = compiled.context as unknown as Prisma.InputJsonObject; // plain JSON: names, text and file maps
        if (!found) {
          const created = await tx.workflow.create({
            data: {
              workspaceId: scope.workspaceId,
              name: compiled.name,
              description: compiled.description,
              model,
              currentVersion: 1,
              nextTriggerAt: nextTriggerAt(parsed, "active", null),
            },
            select: { id: true },
          });
          await tx.workflowVersion.create({
            data: {
              workspaceId: scope.workspaceId,
              workflowId: created.id,
              version: 1,
              graph: graphJson(parsed),
              files: stepFiles,
              context,
              source: "user",
              createdById,
              note: "Project import",
            },
          });
          workflows.push({ id: created.id, name: compiled.name, dir: compiled.dir, status: "created", version: 1 });
          versioned.push({ id: created.id, version: 1, newWorkflow: true });
          continue;
        }
        const current = currents.get(found.id);
        const currentGraph = current ? storedGraph(current.graph) : null;
        const graph = withPositions(parsed, currentGraph);
        const sameGraph = currentGraph !== null && isDeepStrictEqual(graphJson(graph), graphJson(currentGraph));
        const sameFiles =
          isDeepStrictEqual(current?.files ?? null, compiled.files) &&
          isDeepStrictEqual(current?.context ?? null, JSON.parse(JSON.stringify(compiled.context)));
        const sameSettings = found.model === model && found.description === compiled.description;
        let version = found.currentVersion;
        if (!sameGraph || !sameFiles) {
          const bumped = await tx.workflow.update({
            where: { id: found.id },
            data: {
              currentVersion: { increment: 1 },
              nextTriggerAt: nextTriggerAt(graph, found.status, found.nextTriggerAt),
            },
            select: { currentVersion: true },
          });
          version = bumped.currentVersion;
          versioned.push({ id: found.id, version, newWorkflow: false });
          await tx.workflowVersion.create({
            data: {
              workspaceId: scope.workspaceId,
              workflowId: found.id,
              version,
              graph: graphJson(graph),
              files: stepFiles,
              context,
              source: "user",
              createdById,
              note: "Project import",
            },
          });
        }
        if (!sameSettings) {
          await tx.workflow.update({ where: { id: found.id }, data: { model, description: compiled.description } });
        }
        const status: Change = sameGraph && sameFiles && sameSettings ? "unchanged" : "updated";
        workflows.push({ id: found.id, name: compiled.name, dir: compiled.dir, status, version });
      }
      await replaceSkillsAndSensors(tx, scope.workspaceId, project);
      await tx.workspace.update({
        where: { id: scope.workspaceId },
        data: { projectRegistry: files[REGISTRY_FILE] ?? files[`./${REGISTRY_FILE}`] ?? null },
      });
      // Each new version's audit entry, appended last so the log's lock is held briefly.
      for (const v of versioned) {
        await appendAuditEntry(tx, scope.workspaceId, actor, {
          action: "workflow_version.created",
          target: { type: "workflow", id: v.id },
          details: { version: v.version, source: "import", ...(v.newWorkflow ? { newWorkflow: true } : {}) },
        });
      }
      return {
        workflows,
        events,
        skills: project.skills.map((s) => s.name),
        sensors: project.sensors.map((s) => ({ name: s.name, kind: s.kind })),
        warnings: result.warnings.map(({ file, line, message }) => ({ file, line, message })),
        stats: project.stats,
      };
    },
    // Waiting for another import of the workspace counts toward this.
    { timeout: 30_000 },
  );
}
