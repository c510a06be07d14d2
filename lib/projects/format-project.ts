import { parse } from "yaml";
import { END, type EdgeCondition, type Graph, type GraphNode } from "@/lib/workflows/graph/types";
import {
  DEFAULT_GRAPH_CAPS,
  REGISTRY_FILE,
  type ProjectEvent,
  type ProjectFiles,
  type ProjectSandbox,
  type ProjectTool,
} from "./types";

/** The registry's tools: and sandboxes: sections, which steps' tools and sandbox name. */
export interface Declarations {
  tools: ProjectTool[];
  sandboxes: ProjectSandbox[];
}

/* Pure: the canonical files of graph workflows, the inverse of compileProject. */

export interface FormatWorkflow {
  name: string;
  description: string | null;
  model: string;
  graph: Graph;
  /** The directory to write it to (as it was imported); else one is derived from the name. */
  dir?: string;
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** A directory name for a workflow: its name when that is a slug, else a slug of it. */
export function workflowDir(name: string): string {
  if (SLUG.test(name)) return name;
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "workflow";
}

/** Directories for workflows, each unique: a repeated one gets -2, -3, … */
export function assignDirs(workflows: FormatWorkflow[]): string[] {
  const used = new Set<string>();
  return workflows.map((w) => {
    const base = w.dir && SLUG.test(w.dir) ? w.dir : workflowDir(w.name);
    let dir = base;
    for (let i = 2; used.has(dir); i++) dir = `${base.slice(0, 36)}-${i}`;
    used.add(dir);
    return dir;
  });
}

/**
 * registry.yml and one Markdown file per step, in a stable order and format,
 * such that compiling them gives the same workflows back.
 */
export function formatProject(
  input: { workflows: FormatWorkflow[]; events: ProjectEvent[]; extraFiles?: ProjectFiles } & Partial<Declarations>,
): ProjectFiles {
  const dirs = assignDirs(input.workflows);
  // Skills and sensors are files already: they are kept as they are.
  const files: ProjectFiles = { ...input.extraFiles };
  files[REGISTRY_FILE] = formatRegistry(input.workflows, dirs, input.events, {
    tools: input.tools ?? [],
    sandboxes: input.sandboxes ?? [],
  });
  input.workflows.forEach((w, i) => Object.assign(files, formatSteps(dirs[i]!, w.graph)));
  return sortFiles(files);
}

export function sortFiles(files: ProjectFiles): ProjectFiles {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The model most workflows use (ties: the first in name order), the registry's default. */
function commonModel(workflows: FormatWorkflow[]): string | undefined {
  const counts = new Map<string, number>();
  for (const w of workflows) counts.set(w.model, (counts.get(w.model) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

export function formatRegistry(
  workflows: FormatWorkflow[],
  dirs: string[],
  events: ProjectEvent[],
  declarations: Declarations = { tools: [], sandboxes: [] },
): string {
  const model = commonModel(workflows);
  const root: Record<string, unknown> = {};
  if (model) root.defaults = { agent: { model } };
  const sortedEvents = [...events].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (sortedEvents.length) {
    root.events = Object.fromEntries(
      sortedEvents.map((e) => [e.name, { ...(e.description ? { description: e.description } : {}), fields: e.fields }]),
    );
  }
  const settings: Record<string, unknown> = {};
  const order = workflows.map((w, i) => ({ w, dir: dirs[i]! })).sort((a, b) => (a.dir < b.dir ? -1 : 1));
  for (const { w, dir } of order) {
    const entry: Record<string, unknown> = {};
    if (w.name !== dir) entry.name = w.name;
    if (w.description) entry.description = w.description;
    if (w.model !== model) entry.model = w.model;
    if (w.graph.budget) entry.budget = w.graph.budget;
    if (w.graph.responseTone) entry.response_tone = w.graph.responseTone;
    if (w.graph.maxSteps !== DEFAULT_GRAPH_CAPS.maxSteps) entry.max_steps = w.graph.maxSteps;
    if (w.graph.maxVisitsPerNode !== DEFAULT_GRAPH_CAPS.maxVisitsPerNode) {
      entry.max_visits_per_node = w.graph.maxVisitsPerNode;
    }
    if (Object.keys(entry).length) settings[dir] = entry;
  }
  if (Object.keys(settings).length) root.workflows = settings;
  const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (declarations.tools.length)
    root.tools = Object.fromEntries(byName(declarations.tools).map((t) => [t.name, toolEntry(t)]));
  if (declarations.sandboxes.length) {
    root.sandboxes = Object.fromEntries(
      byName(declarations.sandboxes).map(({ name, provider, image, network, reuse }) => [
        name,
        {
          provider,
          ...(typeof image === "string" || Object.keys(image).length ? { image } : {}),
          ...(network.length ? { network } : {}),
          ...(reuse !== "run" ? { reuse } : {}),
        },
      ]),
    );
  }
  return emit(root, 0).join("\n") + "\n";
}

/** A declared tool as its registry entry. */
function toolEntry(tool: ProjectTool): Record<string, unknown> {
  const entry: Record<string, unknown> = tool.description ? { description: tool.description } : {};
  if (tool.kind === "mcp") return { ...entry, mcp: `${tool.server}/${tool.tool}` };
  if (tool.kind === "workflow") return { ...entry, workflow: tool.workflow };
  const { method, url, headers, body, credential, params } = tool;
  return {
    ...entry,
    http: {
      method,
      url,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(body !== null ? { body } : {}),
      ...(credential ? { credential } : {}),
      ...(Object.keys(params).length ? { params } : {}),
    },
  };
}

function conditionValue(when: EdgeCondition): unknown {
  return typeof when === "string" ? when : { [when.field]: when.equals };
}

/** The step files of one workflow's graph. */
export function formatSteps(dir: string, graph: Graph): ProjectFiles {
  const files: ProjectFiles = {};
  for (const node of graph.nodes) files[`workflows/${dir}/${node.id}.md`] = formatStep(graph, node);
  return files;
}

function formatStep(graph: Graph, node: GraphNode): string {
  const header: Record<string, unknown> = {};
  const incoming = graph.edges.filter((e) => e.to === node.id);
  const outgoing = graph.edges.filter((e) => e.from === node.id);
  if (node.id === graph.start && graph.trigger) {
    if ("event" in graph.trigger) header.on = graph.trigger.event;
    else {
      header.on = `cron("${graph.trigger.cron}")`;
      header.timezone = graph.trigger.timezone;
    }
  }
  if (incoming.length === 1) {
    header.after = incoming[0]!.from;
    if (incoming[0]!.when !== undefined) header.when = conditionValue(incoming[0]!.when);
  } else if (incoming.length > 1) {
    const first = incoming[0]!.when;
    if (incoming.every((e) => JSON.stringify(e.when) === JSON.stringify(first))) {
      header.after = incoming.map((e) => e.from);
      if (first !== undefined) header.when = conditionValue(first);
    } else {
      header.after = incoming.map((e) => (e.when === undefined ? e.from : { [e.from]: conditionValue(e.when) }));
    }
  }
  if (node.join === "all" && incoming.length <= 1) header.join = "all";
  if (node.join !== "all" && incoming.length > 1) header.join = "any";
  const ends = outgoing.filter((e) => e.to === END);
  const next = outgoing.some((e) => e.to !== END);
  if (ends[0]?.when !== undefined) header.end = conditionValue(ends[0].when);
  else if (ends.length && next) header.end = true;
  if (node.role !== node.id) header.role = node.role;
  if (node.kind === "approval") {
    const asks = {
      ...(node.approvers && { approvers: node.approvers }),
      ...(node.timeout && { timeout: node.timeout }),
    };
    header.approval = Object.keys(asks).length ? asks : true;
  }
  if (node.model) header.model = node.model;
  if (node.tools?.length) header.tools = node.tools;
  if (node.credentials?.length) header.credentials = node.credentials;
  if (node.skills?.length) header.skills = node.skills;
  if (node.sandbox) header.sandbox = node.sandbox;
  if (node.runtime) header.harness = { runtime: node.runtime };
  if (node.output) header.output = node.output;
  if (node.emits) header.emits = node.emits;
  if (node.budget) header.budget = node.budget;
  if (node.responseTone) header.response_tone = node.responseTone;
  if (node.memory) header.memory = node.memory;
  const lines = Object.keys(header).length ? emit(header, 0) : [];
  // A blank line after the header, as Prettier writes Markdown front matter.
  return ["---", ...lines, "---", "", node.systemPrompt.trim(), ""].join("\n");
}

/** A scalar as YAML: plain when that reads back as the same value, else double-quoted. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = String(value);
  if (text && !/[\n#]|^\s|\s$/.test(text)) {
    try {
      if ((parse(`k: ${text}`) as { k?: unknown } | null)?.k === text) return text;
    } catch {
      // not plain
    }
  }
  return JSON.stringify(text);
}

function isPlainList(value: unknown[]): boolean {
  return value.every((v) => typeof v === "string" && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(v) && scalar(v) === v);
}

/** Block-style YAML lines of a map or list, indented by `indent` spaces. */
function emit(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item !== "object" || item === null) return [`${pad}- ${scalar(item)}`];
      const inner = emit(item, indent + 2);
      return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
  const lines: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const k = `${pad}${scalar(key)}:`;
    if (Array.isArray(v)) {
      if (v.length === 0) lines.push(`${k} []`);
      else if (isPlainList(v)) lines.push(`${k} [${v.join(", ")}]`);
      else lines.push(k, ...emit(v, indent + 2));
    } else if (typeof v === "object" && v !== null) {
      if (Object.keys(v).length === 0) lines.push(`${k} {}`);
      else lines.push(k, ...emit(v, indent + 2));
    } else lines.push(`${k} ${scalar(v)}`);
  }
  return lines;
}
