import { z } from "zod";
import { emitsProblem, eventFieldsSchema, type EventFields } from "@/lib/events/field-types";
import { templatesOf } from "@/lib/graph/analysis";
import { approvalNodeFields } from "@/lib/graph/approval-schema";
import { budgetSchema } from "@/lib/graph/budget";
import { memoryModeSchema, type MemoryMode } from "@/lib/graph/memory-mode";
import { responseToneSchema } from "@/lib/graph/tone";
import { cronProblem, isValidTimeZone } from "@/lib/graph/cron";
import { EVENT_NAME, FIELD_NAME, MAX_NODE_SKILLS, SLUG } from "@/lib/graph/names";
import { outputTypeSchema } from "@/lib/graph/output-types";
import { graphSchema } from "@/lib/graph/checked-graph-schema";
import {
  END,
  type Budget,
  type EdgeCondition,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type GraphTrigger,
  type OutputType,
} from "@/lib/graph/types";
import {
  DEFAULT_GRAPH_CAPS,
  DEFAULT_PROJECT_MODEL,
  REGISTRY_FILE,
  type CompileError,
  type CompileResult,
  type CompiledWorkflow,
  type ProjectEvent,
  type CompileOptions,
  type ProjectFiles,
  type ProjectSandbox,
  type ProjectSkill,
  type ProjectTool,
  type WorkflowSourceMap,
} from "./types";
import { readSandboxes, readTools } from "./read-declarations";
import { readSensors } from "./read-sensors";
import { readSkills } from "./read-skills";
import { parseYaml, type YamlSource } from "./yaml-source";

/*
 * Pure: no server imports and no env, so the command line compiles offline. The files are
 * mapped to a graph, which is then judged by the graph module's schema and checkGraph
 * (lib/graph), the rules the API applies; each issue is located at its file and line.
 */

export const STEP_KEYS = [
  "on",
  "timezone",
  "after",
  "when",
  "join",
  "end",
  "agent",
  "role",
  "model",
  "tools",
  "credentials",
  "skills",
  "sandbox",
  "harness",
  "output",
  "emits",
  "budget",
  "response_tone",
  "memory",
  "approval",
] as const;
const REGISTRY_KEYS = ["defaults", "agents", "events", "workflows", "tools", "sandboxes"];
const AGENT_KEYS = ["model", "prompt", "tools", "skills", "harness", "sandbox"];
const HARNESS_KEYS = ["runtime", "model"];
const RUNTIMES = ["claude-code"] as const;
/** The environment variable that configures each sandbox provider. */
export const SANDBOX_PROVIDER_ENV = { daytona: "DAYTONA_API_KEY" } as const;
const EVENT_KEYS = ["fields", "description"];
const WORKFLOW_KEYS = ["name", "description", "model", "budget", "max_steps", "max_visits_per_node", "response_tone"];

const CRON = /^cron\(\s*(?:"([^"]*)"|'([^']*)')\s*\)$/;

type Obj = Record<string, unknown>;
const isMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (keys: readonly string[]) => keys.join(", ");

interface Agent {
  model?: string;
  prompt?: string;
  tools?: string[];
  /** The line of each listed tool, for warnings about undeclared ones. */
  toolLines?: number[];
  skills?: string[];
  sandbox?: string;
  runtime?: (typeof RUNTIMES)[number];
}

interface Registry {
  defaults: Agent;
  tools: Record<string, ProjectTool>;
  sandboxes: Record<string, ProjectSandbox>;
  agents: Record<string, Agent>;
  events: Record<string, ProjectEvent>;
  /** Events whose definition has errors of its own: references to them report nothing more. */
  broken: Set<string>;
  eventLines: Record<string, number>;
  workflowLines: Record<string, number>;
  registryYaml?: YamlSource;
  /** Per workflow directory: the line of each graph setting (budget, maxSteps, maxVisitsPerNode). */
  settingLines: Record<string, Record<string, number>>;
  workflows: Record<
    string,
    {
      name?: string;
      description?: string;
      model?: string;
      budget?: Budget;
      maxSteps?: number;
      maxVisitsPerNode?: number;
      responseTone?: string;
    }
  >;
}

interface Step {
  id: string;
  file: string;
  content: string;
  header: Obj;
  yaml: YamlSource;
  body: string;
  bodyLine: number;
  after: { from: string; when?: EdgeCondition }[];
}

/**
 * Compiles a project's files into graph workflows and event types, or lists
 * every error as file:line: message. Runs nothing and reads nothing else.
 */
export function compileProject(input: ProjectFiles, options: CompileOptions = {}): CompileResult {
  const errors: CompileError[] = [];
  const warnings: CompileError[] = [];
  const err: Err = Object.assign(
    (file: string, line: number, message: string, column?: number) =>
      void errors.push(column === undefined ? { file, line, message } : { file, line, column, message }),
    {
      count: () => errors.length,
    },
  );

  const stepFiles = new Map<string, Map<string, string>>();
  let registryText: string | undefined;
  const unsupportedDirs = new Set<string>();
  const skillFiles: ProjectFiles = {};
  const sensorFiles: ProjectFiles = {};
  for (const [rawPath, content] of Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = rawPath.replace(/^\.\//, "");
    const parts = path.split("/");
    if (path === REGISTRY_FILE) registryText = content;
    else if (parts[0] === "workflows") {
      if (parts.length === 3 && parts[2]!.endsWith(".md")) {
        const steps = stepFiles.get(parts[1]!) ?? new Map<string, string>();
        steps.set(parts[2]!.slice(0, -3), content);
        stepFiles.set(parts[1]!, steps);
      } else err(path, 1, "Put each step at workflows/<workflow>/<step>.md");
    } else if (parts[0] === "skills" && parts.length > 1) skillFiles[path] = content;
    else if (parts[0] === "sensors" && parts.length > 1) sensorFiles[path] = content;
    else if (parts.length > 1 && !parts[0]!.startsWith(".")) {
      if (!unsupportedDirs.has(parts[0]!)) {
        unsupportedDirs.add(parts[0]!);
        err(
          path,
          1,
          `${parts[0]}/ is not supported: a project holds registry.yml, workflows/<workflow>/<step>.md, skills/<skill>/SKILL.md and sensors/<sensor>.yml`,
        );
      }
    }
    // Other top-level files (a README, a licence) are not part of the project.
  }

  const skills = readSkills(skillFiles, err);
  const registry = readRegistry(registryText, [...stepFiles.keys()], skills, err);
  // A registry that is not YAML would make every reference to it an error too; report it alone.
  if (!registry) return { ok: false, errors: sortErrors(errors) };
  const sensors = readSensors(sensorFiles, registry.events, err);
  const warn: Warn = (file, line, message, refusesPush) =>
    void warnings.push(refusesPush ? { file, line, message, refusesPush } : { file, line, message });
  agentWarnings(registry, options, warn);
  const workflows: CompiledWorkflow[] = [];
  const sources: Record<string, WorkflowSourceMap> = {};
  for (const dir of [...stepFiles.keys()].sort()) {
    const compiled = compileWorkflow(dir, stepFiles.get(dir)!, registry, skills, err, warn);
    if (compiled) {
      workflows.push(compiled.workflow);
      sources[dir] = compiled.sources;
    }
  }
  // A step that names its own sandbox: the agents' warning does not cover it.
  const configured = new Set(options.sandboxProviders ?? []);
  for (const w of workflows) {
    for (const node of w.graph.nodes) {
      const source = sources[w.dir]?.nodes[node.id];
      const sandbox = node.sandbox ? registry.sandboxes[node.sandbox] : undefined;
      if (!sandbox || !source?.keys.sandbox || configured.has(sandbox.provider)) continue;
      warn(
        source.file,
        source.keys.sandbox,
        `sandbox: no ${sandbox.provider} sandbox provider is configured (add a ${sandbox.provider} credential to the workspace, or set ${SANDBOX_PROVIDER_ENV[sandbox.provider]}): runs of "${w.dir}" fail at their start, before any model is called, until it is configured (step "${node.id}" needs it)`,
      );
    }
  }
  // Import matches workflows by name, so two directories cannot share one.
  const byName = new Map<string, string>();
  for (const w of workflows) {
    const other = byName.get(w.name);
    if (other) {
      err(
        REGISTRY_FILE,
        registry.workflowLines[w.dir] ?? registry.workflowLines[other] ?? 1,
        `workflows ${other} and ${w.dir} are both named "${w.name}"`,
      );
    } else byName.set(w.name, w.dir);
  }
  if (stepFiles.size === 0 && errors.length === 0)
    err(REGISTRY_FILE, 1, "No workflows: add workflows/<workflow>/<step>.md");
  if (errors.length) return { ok: false, errors: sortErrors(errors) };
  const events = Object.values(registry.events).sort((a, b) => (a.name < b.name ? -1 : 1));
  const sortByName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    ok: true,
    warnings: sortErrors(warnings),
    project: {
      workflows,
      events,
      tools: sortByName(Object.values(registry.tools)),
      skills: sortByName(Object.values(skills)),
      sandboxes: sortByName(Object.values(registry.sandboxes)),
      sensors,
      extraFiles: { ...skillFiles, ...sensorFiles },
      stats: {
        workflows: workflows.length,
        steps: workflows.reduce((n, w) => n + w.graph.nodes.length, 0),
        events: events.length,
      },
    },
    sources,
    eventLines: registry.eventLines,
    toolLines: Object.fromEntries(
      Object.keys(registry.tools).map((t) => [t, registry.registryYaml?.lineOf(["tools", t]) ?? 1]),
    ),
  };
}

export function sortErrors(errors: CompileError[]): CompileError[] {
  return [...errors].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** Records a warning: the project compiles, but says what it needs. */
type Warn = (file: string, line: number, message: string, refusesPush?: boolean) => void;

/** A name the tool grammar knows without the registry: http_request, mcp:<server>, workflow:<id>. */
const builtInTool = (name: string) => name === "http_request" || /^(mcp|workflow):/.test(name);

/**
 * Warnings about the registry's agents: tools it does not declare (push refuses them), and
 * sandboxes and the claude-code runtime where no sandbox provider is configured.
 */
function agentWarnings(registry: Registry, options: CompileOptions, warn: Warn) {
  const yaml = registry.registryYaml;
  if (!yaml) return;
  const entries: [string, Agent][] = [
    ["defaults.agent", registry.defaults],
    ...Object.entries(registry.agents).map(([n, a]): [string, Agent] => [`agents.${n}`, a]),
  ];
  for (const [where, agent] of entries) {
    agent.tools?.forEach((tool, i) => {
      if (!builtInTool(tool) && !registry.tools[tool])
        warn(REGISTRY_FILE, agent.toolLines?.[i] ?? 1, undeclaredTool(`${where}.tools`, tool), true);
    });
  }
  const configured = new Set(options.sandboxProviders ?? []);
  const effective = Object.entries(registry.agents).map(([name, a]) => ({
    name,
    sandbox: a.sandbox ?? registry.defaults.sandbox,
    runtime: a.runtime ?? registry.defaults.runtime,
  }));
  for (const sandbox of Object.values(registry.sandboxes)) {
    if (configured.has(sandbox.provider)) continue;
    const users = effective.filter((a) => a.sandbox === sandbox.name).map((a) => a.name);
    if (!users.length) continue;
    warn(
      REGISTRY_FILE,
      yaml.lineOf(["sandboxes", sandbox.name]),
      `${noProvider(sandbox)}: agents ${list(users)} need it, and their runs fail before any model is called until it is configured`,
    );
  }
  const harnessed = effective.filter(
    (a) => a.runtime === "claude-code" && !(a.sandbox && configured.has(registry.sandboxes[a.sandbox]?.provider ?? "")),
  );
  if (harnessed.length) {
    const line = registry.defaults.runtime
      ? yaml.lineOf(["defaults", "agent", "harness", "runtime"])
      : yaml.lineOf(["agents", harnessed[0]!.name, "harness", "runtime"]);
    warn(
      REGISTRY_FILE,
      line,
      `harness.runtime claude-code runs only inside a sandbox, and no sandbox provider is configured: agents ${list(harnessed.map((a) => a.name))} run as Anthropic models with their tools`,
    );
  }
}

export function undeclaredEvent(name: string, output: Record<string, string> | undefined): string {
  const fields = output
    ? Object.entries(output)
        .map(([f, t]) => `${f}: ${t}`)
        .join(", ")
    : "<field>: <type>, …";
  return `emits: "${name}" is not declared in the events: section of registry.yml; push refuses the project until it is (${name}: { fields: { ${fields} } }, and an output: on this step with those fields)`;
}

export function undeclaredTool(where: string, tool: string): string {
  return `${where}: "${tool}" is not declared in the tools: section of registry.yml; push refuses the project until it is (mcp: <server>/<tool>, http: { url, … } or workflow: <workflow>)`;
}

function noProvider(sandbox: ProjectSandbox): string {
  return `sandboxes.${sandbox.name}: no ${sandbox.provider} sandbox provider is configured (add a ${sandbox.provider} credential to the workspace, or set ${SANDBOX_PROVIDER_ENV[sandbox.provider]})`;
}

/** Records an error; `count()` is how many so far. */
type Err = ((file: string, line: number, message: string, column?: number) => void) & { count(): number };

function unknownKeys(
  value: Obj,
  allowed: readonly string[],
  where: string,
  at: (key: string) => number,
  report: (line: number, m: string) => void,
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) report(at(key), `${where}${key} is not supported (use ${list(allowed)})`);
  }
}

function readAgent(
  value: unknown,
  where: string,
  path: string[],
  yaml: YamlSource,
  report: (line: number, m: string) => void,
): Agent {
  if (value === null || value === undefined) return {};
  if (!isMap(value)) {
    report(yaml.lineOf(path), `${where} must be a map of ${list(AGENT_KEYS)}`);
    return {};
  }
  unknownKeys(value, AGENT_KEYS, `${where}.`, (k) => yaml.lineOf([...path, k]), report);
  const agent: Agent = {};
  if (value.model !== undefined) {
    if (typeof value.model === "string" && value.model.trim()) agent.model = value.model.trim();
    else report(yaml.lineOf([...path, "model"]), `${where}.model must be a model id`);
  }
  if (value.prompt !== undefined) {
    if (typeof value.prompt === "string") agent.prompt = value.prompt.trim();
    else report(yaml.lineOf([...path, "prompt"]), `${where}.prompt must be text`);
  }
  if (value.tools !== undefined) {
    const tools = stringList(value.tools);
    if (tools) {
      agent.tools = tools;
      agent.toolLines = tools.map((_, i) => yaml.lineOf([...path, "tools", i]));
    } else report(yaml.lineOf([...path, "tools"]), `${where}.tools must be a list of tool names`);
  }
  if (value.skills !== undefined) {
    const skills = stringList(value.skills);
    if (skills && skills.length <= MAX_NODE_SKILLS) agent.skills = skills;
    else
      report(
        yaml.lineOf([...path, "skills"]),
        `${where}.skills must be a list of at most ${MAX_NODE_SKILLS} skill names`,
      );
  }
  if (value.sandbox !== undefined) {
    if (typeof value.sandbox === "string" && value.sandbox.trim()) agent.sandbox = value.sandbox.trim();
    else report(yaml.lineOf([...path, "sandbox"]), `${where}.sandbox names a sandbox of the registry's sandboxes:`);
  }
  if (value.harness !== undefined) {
    const harness = value.harness;
    const at = (k?: string) => yaml.lineOf(k ? [...path, "harness", k] : [...path, "harness"]);
    if (!isMap(harness)) report(at(), `${where}.harness is { runtime: claude-code, model: <model> }`);
    else {
      unknownKeys(harness, HARNESS_KEYS, `${where}.harness.`, at, report);
      if (harness.runtime !== undefined) {
        if ((RUNTIMES as readonly unknown[]).includes(harness.runtime))
          agent.runtime = harness.runtime as Agent["runtime"];
        else report(at("runtime"), `${where}.harness.runtime: use ${list(RUNTIMES)}`);
      }
      if (harness.model !== undefined) {
        if (value.model !== undefined)
          report(at("model"), `${where}: give the model once, in model: or in harness.model`);
        else if (typeof harness.model === "string" && harness.model.trim()) agent.model = harness.model.trim();
        else report(at("model"), `${where}.harness.model must be a model id`);
      }
    }
  }
  return agent;
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : null;
}

function readRegistry(
  text: string | undefined,
  dirs: string[],
  skills: Record<string, ProjectSkill>,
  err: Err,
): Registry | null {
  // Keyed by names from the files: without a prototype, `emits: constructor` or `on: toString` names nothing.
  const names = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
  const registry: Registry = {
    defaults: {},
    tools: names(),
    sandboxes: names(),
    agents: names(),
    events: names(),
    broken: new Set(),
    eventLines: names(),
    workflowLines: names(),
    settingLines: names(),
    workflows: names(),
  };
  if (text === undefined) return registry;
  const yaml = parseYaml(text);
  const report = (line: number, message: string) => err(REGISTRY_FILE, line, message);
  for (const e of yaml.errors) err(REGISTRY_FILE, e.line, e.message, e.column);
  if (yaml.errors.length) return null;
  if (yaml.value === null || yaml.value === undefined) return registry;
  if (!isMap(yaml.value)) {
    report(1, `registry.yml must be a map of ${list(REGISTRY_KEYS)}`);
    return registry;
  }
  const root = yaml.value;
  unknownKeys(root, REGISTRY_KEYS, "", (k) => yaml.lineOf([k]), report);

  const section = (key: string): Obj => {
    const value = root[key];
    if (value === undefined || value === null) return {};
    if (isMap(value)) return value;
    report(yaml.lineOf([key]), `${key} must be a map`);
    return {};
  };

  const defaults = section("defaults");
  unknownKeys(defaults, ["agent"], "defaults.", (k) => yaml.lineOf(["defaults", k]), report);
  registry.defaults = readAgent(defaults.agent, "defaults.agent", ["defaults", "agent"], yaml, report);

  for (const [name, value] of Object.entries(section("agents"))) {
    if (!name.trim() || name.length > 60)
      report(yaml.lineOf(["agents", name]), `Agent name "${name}" must have 1 to 60 characters`);
    registry.agents[name] = readAgent(value, `agents.${name}`, ["agents", name], yaml, report);
  }
  registry.tools = readTools(section("tools"), yaml, report);
  registry.sandboxes = readSandboxes(section("sandboxes"), yaml, report);
  const agentEntries: [string, Agent, string[]][] = [
    ["defaults.agent", registry.defaults, ["defaults", "agent"]],
    ...Object.entries(registry.agents).map(([n, a]): [string, Agent, string[]] => [`agents.${n}`, a, ["agents", n]]),
  ];
  for (const [where, agent, path] of agentEntries) {
    agent.skills?.forEach((skill, i) => {
      if (!skills[skill]) {
        const known = Object.keys(skills);
        report(
          yaml.lineOf([...path, "skills", i]),
          `${where}.skills: "${skill}" is not a skill of the project (add skills/${skill}/SKILL.md${known.length ? `; skills: ${list(known)}` : ""})`,
        );
      }
    });
    if (agent.sandbox !== undefined && !registry.sandboxes[agent.sandbox]) {
      const known = Object.keys(registry.sandboxes);
      report(
        yaml.lineOf([...path, "sandbox"]),
        `${where}.sandbox: "${agent.sandbox}" is not a sandbox in registry.yml${known.length ? ` (sandboxes: ${list(known)})` : " (declare it under sandboxes:)"}`,
      );
    }
  }

  for (const [name, value] of Object.entries(section("events"))) {
    const at = (...path: (string | number)[]) => yaml.lineOf(["events", name, ...path]);
    registry.eventLines[name] = at();
    if (!EVENT_NAME.test(name)) {
      report(at(), `Event name "${name}": use letters, digits, _ . and -, starting with a letter (at most 64)`);
      continue;
    }
    if (!isMap(value)) {
      report(at(), `events.${name} needs fields: { <field>: <type> }`);
      registry.broken.add(name);
      continue;
    }
    unknownKeys(value, EVENT_KEYS, `events.${name}.`, (k) => at(k), report);
    if (value.description !== undefined && value.description !== null && typeof value.description !== "string") {
      report(at("description"), `events.${name}.description must be text`);
    }
    const fields = eventFieldsSchema.safeParse(value.fields ?? {});
    if (!fields.success) {
      for (const issue of fields.error.issues) {
        const field = issue.path[0];
        report(
          typeof field === "string" ? at("fields", field) : at("fields"),
          `events.${name}.fields${typeof field === "string" ? `.${field}` : ""}: ${issue.message}`,
        );
      }
      registry.broken.add(name);
      continue;
    }
    registry.events[name] = {
      name,
      fields: fields.data as EventFields,
      description: typeof value.description === "string" && value.description.trim() ? value.description.trim() : null,
    };
  }

  for (const [dir, value] of Object.entries(section("workflows"))) {
    const at = (...path: string[]) => yaml.lineOf(["workflows", dir, ...path]);
    registry.workflowLines[dir] = at();
    if (!dirs.includes(dir)) {
      report(at(), `workflows.${dir} names no directory workflows/${dir}/`);
      continue;
    }
    if (!isMap(value)) {
      report(at(), `workflows.${dir} must be a map of ${list(WORKFLOW_KEYS)}`);
      continue;
    }
    unknownKeys(value, WORKFLOW_KEYS, `workflows.${dir}.`, (k) => at(k), report);
    const entry: Registry["workflows"][string] = {};
    const text = (key: "name" | "description" | "model", max: number) => {
      const v = value[key];
      if (v === undefined) return;
      if (typeof v === "string" && v.trim() && v.trim().length <= max) entry[key] = v.trim();
      else report(at(key), `workflows.${dir}.${key} must be text of 1 to ${max} characters`);
    };
    text("name", 100);
    text("description", 2000);
    text("model", 1000);
    if (value.budget !== undefined) {
      const budget = readBudget(value.budget);
      if (typeof budget === "string") report(at("budget"), `workflows.${dir}.budget: ${budget}`);
      else entry.budget = budget;
    }
    for (const [key, prop] of [
      ["max_steps", "maxSteps"],
      ["max_visits_per_node", "maxVisitsPerNode"],
    ] as const) {
      const v = value[key];
      if (v === undefined) continue;
      if (typeof v === "number" && Number.isInteger(v) && v >= 1) entry[prop] = v;
      else report(at(key), `workflows.${dir}.${key} must be a whole number of at least 1`);
    }
    if (value.response_tone !== undefined) {
      const tone = responseToneSchema.safeParse(value.response_tone);
      if (tone.success) entry.responseTone = tone.data;
      else report(at("response_tone"), `workflows.${dir}.response_tone: ${tone.error.issues[0]!.message}`);
    }
    registry.workflows[dir] = entry;
    registry.settingLines[dir] = {
      responseTone: at("response_tone"),
      budget: at("budget"),
      maxSteps: at("max_steps"),
      maxVisitsPerNode: at("max_visits_per_node"),
    };
  }
  registry.registryYaml = yaml;
  return registry;
}

/** A budget from YAML, judged by the graph module's budgetSchema (caps included), or why it is not one. */
export function readBudget(value: unknown): Budget | string {
  const parsed = budgetSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const usage = "use { wall_clock: <minutes>, spend: { usd: <dollars> } } (either or both)";
  if (!isMap(value)) return usage;
  const keys = ["wall_clock", "wall_clock_includes_waiting", "spend"];
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length) return `${extra.join(", ")} is not a budget key; ${usage}`;
  const spend = value.spend;
  if (spend !== undefined && (!isMap(spend) || Object.keys(spend).some((k) => k !== "usd"))) {
    return "spend must be { usd: <dollars, more than 0> }";
  }
  const issue = parsed.error.issues[0]!;
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : `${issue.message}; ${usage}`;
}

const approvalHeaderSchema = z.strictObject({
  approvers: approvalNodeFields.approvers,
  timeout: approvalNodeFields.timeout,
});
type ApprovalHeader = z.output<typeof approvalHeaderSchema>;

/**
 * An `approval:` header: `true` (any member answers; the run fails after 7
 * days) or `{ approvers: [...], timeout: { after, then } }`, or why it is not one.
 */
export function readApproval(value: unknown): ApprovalHeader | string {
  const usage = "use approval: true, or { approvers: [admin], timeout: { after: 24h, then: reject } }";
  if (value === true) return {};
  if (!isMap(value)) return usage;
  const extra = Object.keys(value).filter((k) => k !== "approvers" && k !== "timeout");
  if (extra.length) return `${extra.join(", ")} is not an approval key; ${usage}`;
  const parsed = approvalHeaderSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : `${issue.message}; ${usage}`;
}

/** A `when:` value: the answer text, or `{ <field>: <value> }` of a typed output; null when it is neither. */
function readCondition(value: unknown): EdgeCondition | null {
  if (typeof value === "string" && value.trim()) return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isMap(value) && Object.keys(value).length === 1) {
    const [field, equals] = Object.entries(value)[0]!;
    if (typeof equals === "string" || typeof equals === "number" || typeof equals === "boolean") {
      return { field, equals };
    }
  }
  return null;
}

const CONDITION = "use the answer text, or { <output field>: <value> }";

function readStep(file: string, id: string, content: string, err: Err): Step | null {
  const lines = content.split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    err(file, 1, "A step file starts with a YAML header between --- lines");
    return null;
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === "---");
  if (close < 0) {
    err(file, 1, "The header has no closing --- line");
    return null;
  }
  const yaml = parseYaml(lines.slice(1, close).join("\n"), 2);
  for (const e of yaml.errors) err(file, e.line, e.message, e.column);
  if (yaml.errors.length) return null;
  const header = yaml.value ?? {};
  if (!isMap(header)) {
    err(file, 2, "The header must be a map of keys (agent:, output:, …)");
    return null;
  }
  return {
    id,
    file,
    content,
    header,
    yaml,
    body: lines
      .slice(close + 1)
      .join("\n")
      .trim(),
    bodyLine: close + 2,
    after: [],
  };
}

function lineOfText(content: string, text: string, fallback: number): number {
  const i = content.indexOf(text);
  return i < 0 ? fallback : content.slice(0, i).split("\n").length;
}

function compileWorkflow(
  dir: string,
  files: Map<string, string>,
  registry: Registry,
  skills: Record<string, ProjectSkill>,
  err: Err,
  warn: Warn,
): { workflow: CompiledWorkflow; sources: WorkflowSourceMap } | null {
  const start = err.count();
  const pathOf = (id: string) => `workflows/${dir}/${id}.md`;
  const first = pathOf([...files.keys()].sort()[0]!);
  if (!SLUG.test(dir))
    err(first, 1, `Workflow directory "${dir}": use lowercase letters, digits, - and _ (at most 40)`);

  const steps: Step[] = [];
  for (const id of [...files.keys()].sort()) {
    const file = pathOf(id);
    if (!SLUG.test(id) || id === "input" || id === "event") {
      err(
        file,
        1,
        `Step name "${id}": use lowercase letters, digits, - and _ (at most 40); "input" and "event" are reserved`,
      );
    }
    const step = readStep(file, id, files.get(id)!, err);
    if (step) steps.push(step);
  }
  const ids = new Set([...files.keys()]);
  const nodes = new Map<string, GraphNode>();
  const ends = new Map<string, EdgeCondition | true>();
  const joins = new Map<string, "all" | "any">();
  let trigger: GraphTrigger | undefined;

  for (const step of steps) {
    const { header: h, file } = step;
    const at = (key: string) => step.yaml.lineOf([key]);
    for (const key of Object.keys(h)) {
      if (!(STEP_KEYS as readonly string[]).includes(key)) {
        err(file, at(key), `Header key "${key}" is not supported (use ${list(STEP_KEYS)})`);
      }
    }
    if (!step.body) err(file, step.bodyLine, "The step has no instructions below its header");

    if (h.after !== undefined && h.after !== null) {
      const items = Array.isArray(h.after) ? h.after : [h.after];
      if (items.length === 0) err(file, at("after"), "after: names at least one step");
      let when: EdgeCondition | undefined;
      if (h.when !== undefined) {
        const c = readCondition(h.when);
        if (c === null) err(file, at("when"), `when: ${CONDITION}`);
        else when = c;
      }
      items.forEach((item: unknown, i: number) => {
        const line = step.yaml.lineOf(Array.isArray(h.after) ? ["after", i] : ["after"]);
        let from: string | undefined;
        let itemWhen = when;
        if (typeof item === "string") from = item;
        else if (isMap(item) && Object.keys(item).length === 1) {
          const [name, cond] = Object.entries(item)[0]!;
          from = name;
          const c = readCondition(cond);
          if (c === null) err(file, line, `after: ${name}: ${CONDITION}`);
          else itemWhen = c;
        } else {
          err(file, line, "after: names a step, or { <step>: <when> }");
          return;
        }
        // A step may run after itself (a retry loop); it still needs a way in from the entry.
        if (!ids.has(from)) {
          err(file, line, `after: "${from}" is not a step of workflow "${dir}" (steps: ${list([...ids].sort())})`);
        } else step.after.push(itemWhen === undefined ? { from } : { from, when: itemWhen });
      });
    }
    if (h.when !== undefined && (h.after === undefined || h.after === null)) {
      err(file, at("when"), "when: is the condition on the step in after:; this step has no after:");
    }
    if (h.join !== undefined) {
      if (h.join === "all" || h.join === "any") joins.set(step.id, h.join);
      else err(file, at("join"), 'join: is "all" (wait for every step in after:) or "any" (run on each arrival)');
    }
    if (h.end !== undefined) {
      const c = h.end === true ? true : h.end === false ? null : readCondition(h.end);
      if (c === null) err(file, at("end"), `end: true, or the condition to end the run on (${CONDITION})`);
      else ends.set(step.id, c);
    }

    const agentName = h.agent;
    let agent: Agent | undefined;
    if (agentName !== undefined) {
      if (typeof agentName !== "string" || !(agentName in registry.agents)) {
        const names = Object.keys(registry.agents);
        err(
          file,
          at("agent"),
          `agent: "${String(agentName)}" is not an agent in registry.yml${names.length ? ` (agents: ${list(names)})` : ""}`,
        );
      } else {
        const { model: _model, prompt: _prompt, ...inherited } = registry.defaults;
        agent = { ...inherited, ...registry.agents[agentName] };
      }
    }
    const text = (key: string, max: number): string | undefined => {
      const v = h[key];
      if (v === undefined) return undefined;
      if (typeof v === "string" && v.trim() && v.trim().length <= max) return v.trim();
      err(file, at(key), `${key}: must be text of 1 to ${max} characters`);
      return undefined;
    };
    const role = text("role", 60) ?? (typeof agentName === "string" ? agentName : step.id);
    let tools = agent?.tools;
    if (h.tools !== undefined) {
      const t = stringList(h.tools);
      if (t) {
        tools = t;
        t.forEach((tool, i) => {
          if (!builtInTool(tool) && !registry.tools[tool])
            warn(file, step.yaml.lineOf(["tools", i]), undeclaredTool("tools", tool), true);
        });
      } else err(file, at("tools"), "tools: must be a list of tool names");
    }
    let nodeSkills = agent?.skills;
    if (h.skills !== undefined) {
      const list = stringList(h.skills);
      if (!list || list.length > MAX_NODE_SKILLS)
        err(file, at("skills"), `skills: must be a list of at most ${MAX_NODE_SKILLS} skill names`);
      else {
        nodeSkills = list;
        list.forEach((skill, i) => {
          if (!skills[skill])
            err(
              file,
              step.yaml.lineOf(["skills", i]),
              `skills: "${skill}" is not a skill of the project (add skills/${skill}/SKILL.md)`,
            );
        });
      }
    }
    let sandbox = agent?.sandbox;
    if (h.sandbox !== undefined) {
      if (typeof h.sandbox === "string" && registry.sandboxes[h.sandbox]) sandbox = h.sandbox;
      else err(file, at("sandbox"), `sandbox: "${String(h.sandbox)}" is not a sandbox in registry.yml`);
    }
    let runtime = agent?.runtime;
    let harnessModel: string | undefined;
    if (h.harness !== undefined) {
      const harness = h.harness;
      if (!isMap(harness) || Object.keys(harness).some((k) => !HARNESS_KEYS.includes(k)))
        err(file, at("harness"), "harness: { runtime: claude-code, model: <model> }");
      else {
        if (harness.runtime !== undefined) {
          if ((RUNTIMES as readonly unknown[]).includes(harness.runtime)) runtime = harness.runtime as Agent["runtime"];
          else err(file, at("harness"), `harness.runtime: use ${list(RUNTIMES)}`);
        }
        if (harness.model !== undefined) {
          if (typeof harness.model === "string" && harness.model.trim() && h.model === undefined)
            harnessModel = harness.model.trim();
          else err(file, at("harness"), "harness.model must be a model id, given once (model: or harness.model)");
        }
      }
    }
    let credentials: string[] | undefined;
    if (h.credentials !== undefined) {
      const c = stringList(h.credentials);
      if (c) credentials = c;
      else err(file, at("credentials"), "credentials: must be a list of credential ids");
    }
    const model = text("model", 1000) ?? harnessModel ?? agent?.model;
    let output: Record<string, OutputType> | undefined;
    if (h.output !== undefined) {
      if (!isMap(h.output) || Object.keys(h.output).length === 0 || Object.keys(h.output).length > 20) {
        err(file, at("output"), "output: declares 1 to 20 typed fields, { <field>: <type> }");
      } else {
        output = {};
        for (const [field, type] of Object.entries(h.output)) {
          const line = step.yaml.lineOf(["output", field]);
          if (!FIELD_NAME.test(field)) err(file, line, `output field "${field}": use letters, digits and _`);
          const parsed = outputTypeSchema.safeParse(type);
          if (!parsed.success) err(file, line, `output field "${field}": ${parsed.error.issues[0]!.message}`);
          else output[field] = type as OutputType;
        }
      }
    }
    let emits: string | undefined;
    if (h.emits !== undefined) {
      const event = typeof h.emits === "string" ? registry.events[h.emits] : undefined;
      if (typeof h.emits === "string" && registry.broken.has(h.emits)) emits = h.emits;
      else if (!event && typeof h.emits === "string" && EVENT_NAME.test(h.emits))
        // Like a tool the registry does not declare: compile says where and how, push refuses until it is declared.
        warn(file, at("emits"), undeclaredEvent(h.emits, output), true);
      else if (!event) err(file, at("emits"), `emits: "${String(h.emits)}" is not an event in registry.yml`);
      else {
        emits = event.name;
        const problem = emitsProblem(output, event.name, event.fields);
        if (problem) err(file, at("emits"), `emits: ${problem}`);
      }
    }
    let budget: Budget | undefined;
    if (h.budget !== undefined) {
      const b = readBudget(h.budget);
      if (typeof b === "string") err(file, at("budget"), `budget: ${b}`);
      else budget = b;
    }
    let responseTone: string | undefined;
    if (h.response_tone !== undefined) {
      const tone = responseToneSchema.safeParse(h.response_tone);
      if (tone.success) responseTone = tone.data;
      else err(file, at("response_tone"), `response_tone: ${tone.error.issues[0]!.message}`);
    }
    let memory: MemoryMode | undefined;
    if (h.memory !== undefined) {
      const mode = memoryModeSchema.safeParse(h.memory);
      if (mode.success) memory = mode.data;
      else err(file, at("memory"), `memory: ${mode.error.issues[0]!.message}`);
    }
    let approval: ApprovalHeader | undefined;
    if (h.approval !== undefined) {
      const a = readApproval(h.approval);
      if (typeof a === "string") err(file, at("approval"), `approval: ${a}`);
      else approval = a;
    }
    const systemPrompt = [agent ? registry.defaults.prompt : undefined, agent?.prompt, step.body]
      .filter((p): p is string => !!p)
      .join("\n\n");
    const node: GraphNode = { id: step.id, role, systemPrompt };
    if (model) node.model = model;
    if (output) node.output = output;
    if (tools && tools.length) node.tools = tools;
    if (credentials && credentials.length) node.credentials = credentials;
    if (nodeSkills && nodeSkills.length) node.skills = nodeSkills;
    if (sandbox) node.sandbox = sandbox;
    if (runtime) node.runtime = runtime;
    if (emits) node.emits = emits;
    if (budget) node.budget = budget;
    if (responseTone) node.responseTone = responseTone;
    if (memory) node.memory = memory;
    if (approval) {
      node.kind = "approval";
      if (approval.approvers) node.approvers = approval.approvers;
      if (approval.timeout) node.timeout = approval.timeout;
    }
    nodes.set(step.id, node);
  }

  // The entry step: the one with on:, else the one step without after:.
  const withOn = steps.filter((s) => s.header.on !== undefined && s.header.on !== null);
  const entries = withOn.length ? withOn : steps.filter((s) => s.header.after === undefined || s.header.after === null);
  if (steps.length === files.size) {
    if (entries.length === 0) {
      err(first, 1, `Workflow "${dir}" has no entry step: one step has on: and no after:`);
    } else if (withOn.length > 1) {
      for (const s of withOn) {
        err(
          s.file,
          s.yaml.lineOf(["on"]),
          `Workflow "${dir}" has ${withOn.length} steps with on: (${list(withOn.map((x) => x.id))}); only its entry step has one`,
        );
      }
    } else if (entries.length > 1) {
      const names = entries.map((s) => s.id);
      for (const s of entries) {
        err(
          s.file,
          1,
          `Workflow "${dir}" has ${entries.length} entry steps (${list(names)}): every step but the entry names the step it runs after:`,
        );
      }
    }
    if (withOn.length === 1) {
      for (const s of steps) {
        if (s !== withOn[0] && (s.header.after === undefined || s.header.after === null)) {
          err(
            s.file,
            1,
            `Step "${s.id}" has no after:, so nothing leads to it; only the entry step (${withOn[0]!.id}) has none`,
          );
        }
      }
    }
  }
  const entry = entries.length === 1 ? entries[0]! : undefined;
  for (const s of steps) {
    if (s !== entry && s.header.timezone !== undefined && (s.header.on === undefined || s.header.on === null)) {
      err(s.file, s.yaml.lineOf(["timezone"]), 'timezone: goes with on: cron("…") on the entry step');
    }
  }
  if (entry) {
    const on = entry.header.on;
    const at = (key: string) => entry.yaml.lineOf([key]);
    const cron = typeof on === "string" ? CRON.exec(on.trim()) : null;
    if (on === undefined || on === null) {
      if (entry.header.timezone !== undefined) err(entry.file, at("timezone"), 'timezone: goes with on: cron("…")');
    } else if (cron) {
      const expression = (cron[1] ?? cron[2]!).trim();
      const problem = cronProblem(expression);
      if (problem) err(entry.file, at("on"), `on: ${problem}`);
      const tz = entry.header.timezone ?? "UTC";
      if (typeof tz !== "string" || !isValidTimeZone(tz)) {
        err(entry.file, at("timezone"), "timezone: unknown time zone; use an IANA name like Europe/Berlin");
      } else trigger = { cron: expression, timezone: tz };
    } else if (typeof on === "string" && registry.broken.has(on)) {
      // Its definition's errors are reported in registry.yml; checking its templates would only repeat them.
      return null;
    } else if (typeof on === "string" && registry.events[on]) {
      trigger = { event: on };
      if (entry.header.timezone !== undefined) err(entry.file, at("timezone"), 'timezone: goes with on: cron("…")');
    } else {
      const names = Object.keys(registry.events);
      err(
        entry.file,
        at("on"),
        `on: "${String(on)}" is not an event in registry.yml${names.length ? ` (events: ${list(names)})` : ""} nor cron("<expression>")`,
      );
    }
  }
  if (err.count() !== start || !entry) return null;

  // Joins: a list in after: waits for all of them unless join: any.
  for (const step of steps) {
    const join = joins.get(step.id) ?? (step.after.length > 1 ? "all" : undefined);
    if (join === "all") nodes.get(step.id)!.join = "all";
  }
  const order = nodeOrder(entry.id, steps);
  const index = new Map(order.map((id, i) => [id, i]));
  const edges: GraphEdge[] = [];
  const hasNext = new Set<string>();
  for (const step of steps) {
    for (const a of step.after) {
      edges.push(a.when === undefined ? { from: a.from, to: step.id } : { from: a.from, to: step.id, when: a.when });
      hasNext.add(a.from);
    }
  }
  for (const id of order) {
    const end = ends.get(id);
    if (end === true || (end === undefined && !hasNext.has(id))) edges.push({ from: id, to: END });
    else if (end !== undefined) edges.push({ from: id, to: END, when: end });
  }
  const rank = (id: string) => (id === END ? order.length : index.get(id)!);
  edges.sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));

  const settings = registry.workflows[dir] ?? {};
  const graph: Graph = {
    start: entry.id,
    nodes: order.map((id) => nodes.get(id)!),
    edges,
    maxSteps: settings.maxSteps ?? DEFAULT_GRAPH_CAPS.maxSteps,
    maxVisitsPerNode: settings.maxVisitsPerNode ?? DEFAULT_GRAPH_CAPS.maxVisitsPerNode,
  };
  if (trigger) graph.trigger = trigger;
  if (settings.budget) graph.budget = settings.budget;
  if (settings.responseTone) graph.responseTone = settings.responseTone;

  const sources: WorkflowSourceMap = { nodes: {}, registryLine: 1, registryKeys: registry.settingLines[dir] ?? {} };
  for (const step of steps) {
    const keys: Record<string, number> = {};
    for (const key of Object.keys(step.header)) keys[key] = step.yaml.lineOf([key]);
    sources.nodes[step.id] = { file: step.file, keys, bodyLine: step.bodyLine, content: step.content };
  }

  // {{ event.<field> }} names a field of the triggering event.
  const event = trigger && "event" in trigger ? registry.events[trigger.event] : undefined;
  for (const node of graph.nodes) {
    const source = sources.nodes[node.id]!;
    for (const { text, ref } of templatesOf(node.systemPrompt)) {
      const [ns, field, ...rest] = ref.split(".").map((s) => s.trim());
      if (ns !== "event" || !field || rest.length) continue;
      const line = lineOfText(source.content, text, source.bodyLine);
      if (!event)
        err(source.file, line, `${text}: the workflow is not started by an event (its entry step has no on: <Event>)`);
      else if (!Object.hasOwn(event.fields, field)) {
        err(
          source.file,
          line,
          `${text}: event "${event.name}" has no field "${field}" (fields: ${list(Object.keys(event.fields))})`,
        );
      }
    }
  }

  // The graph module's schema: every field's shape and caps, then checkGraph's rules.
  const checked = graphSchema.safeParse(graph);
  for (const issue of checked.success ? [] : checked.error.issues) {
    const { file, line } = locateIssue(graph, sources, issue.path, issue.message);
    // Template issues about {{ event.* }} were named above with the event's fields.
    if (/Template \{\{\s*event\./.test(issue.message) && event) continue;
    err(file, line, issue.message);
  }
  if (err.count() !== start) return null;

  const stepContents: ProjectFiles = {};
  for (const step of steps) stepContents[step.file] = step.content;
  const used = <T>(names: (n: GraphNode) => readonly string[] | undefined, from: Record<string, T>): T[] =>
    [...new Set(graph.nodes.flatMap((n) => names(n) ?? []))].sort().flatMap((n) => (from[n] ? [from[n]] : []));
  return {
    workflow: {
      dir,
      name: settings.name ?? dir,
      description: settings.description ?? null,
      model: settings.model ?? registry.defaults.model ?? DEFAULT_PROJECT_MODEL,
      graph,
      files: stepContents,
      context: {
        tools: used((n) => n.tools, registry.tools),
        skills: used((n) => n.skills, skills),
        sandboxes: used((n) => (n.sandbox ? [n.sandbox] : undefined), registry.sandboxes),
      },
    },
    sources,
  };
}

/** Entry first, then breadth-first along after: (each level by name); steps it never reaches last, by name. */
function nodeOrder(entry: string, steps: Step[]): string[] {
  const order = [entry];
  const seen = new Set(order);
  for (let i = 0; i < order.length; i++) {
    const next = steps
      .filter((s) => !seen.has(s.id) && s.after.some((a) => a.from === order[i]))
      .map((s) => s.id)
      .sort();
    for (const id of next) {
      seen.add(id);
      order.push(id);
    }
  }
  for (const s of [...steps].sort((a, b) => (a.id < b.id ? -1 : 1))) if (!seen.has(s.id)) order.push(s.id);
  return order;
}

const HEADER_KEY_OF_FIELD: Record<string, string[]> = {
  id: ["after", "on"],
  role: ["role", "agent"],
  model: ["model", "agent"],
  tools: ["tools", "agent"],
  skills: ["skills", "agent"],
  sandbox: ["sandbox", "agent"],
  runtime: ["harness", "agent"],
  credentials: ["credentials"],
  output: ["output"],
  join: ["join", "after"],
  emits: ["emits"],
  budget: ["budget"],
  responseTone: ["response_tone"],
  memory: ["memory"],
};

/**
 * The file and line a graph issue's path points at: a node field → that
 * key of its step's header (a template → the line it is on), an edge → the
 * `after:` (or `end:`) that made it; the workflow's fields → registry.yml.
 */
export function locateIssue(
  graph: Graph,
  sources: WorkflowSourceMap,
  path: PropertyKey[],
  message: string,
): { file: string; line: number } {
  const [kind, i, field] = path;
  if (kind === "nodes" && typeof i === "number" && graph.nodes[i]) {
    const source = sources.nodes[graph.nodes[i].id];
    if (source) {
      if (field === "systemPrompt") {
        const template = /\{\{[^{}]*\}\}/.exec(message)?.[0];
        return {
          file: source.file,
          line: template ? lineOfText(source.content, template, source.bodyLine) : source.bodyLine,
        };
      }
      const key = (HEADER_KEY_OF_FIELD[String(field)] ?? []).find((k) => k in source.keys);
      return { file: source.file, line: key ? source.keys[key]! : 1 };
    }
  }
  if (kind === "edges" && typeof i === "number" && graph.edges[i]) {
    const edge = graph.edges[i];
    const target = edge.to === END ? sources.nodes[edge.from] : sources.nodes[edge.to];
    if (target) {
      const key = edge.to === END ? "end" : field === "when" ? "when" : "after";
      return { file: target.file, line: target.keys[key] ?? target.keys.after ?? 1 };
    }
  }
  const start = sources.nodes[graph.start];
  if (kind === "trigger" && start) return { file: start.file, line: start.keys.on ?? 1 };
  if (kind === "start" || !kind || kind === "nodes" || kind === "edges")
    return { file: start?.file ?? REGISTRY_FILE, line: 1 };
  return { file: REGISTRY_FILE, line: sources.registryKeys?.[String(kind)] ?? sources.registryLine };
}
