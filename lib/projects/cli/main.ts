import { rm } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ARCHITECTURE_IDS, isArchitectureId } from "@/lib/graph/architectures";
import { compileProject, SANDBOX_PROVIDER_ENV } from "../compile-project";
import { isNonEmptyDir, readProjectDir, writeProjectDir } from "../project-dir";
import { REGISTRY_FILE, type CompileError, type CompileOptions, type ProjectFiles } from "../types";
import { apiClient, CliError, type ApiClient } from "./api-client";
import { followRun, Progress } from "./follow-run";
import { templateFiles, templateList } from "./init-template";
import { plainText } from "./plain-text";

export const USAGE = `loopllama — workflows as files

Usage:
  loopllama init --template NAME DIR         start a project from an architecture template
  loopllama init --list                      list the templates (react, supervisor, debate, …)
  loopllama compile DIR                      check a project without running anything
  loopllama push DIR                         import the project into the workspace
  loopllama pull DIR [--force]               write the workspace's workflows as files
  loopllama run                              say what the server hosts for the project: sensor
                                             webhooks and schedules armed (as the Events page)
  loopllama run WORKFLOW --input TEXT        start a run (by name or id) and follow it
  loopllama emit EVENT --data JSON           emit an event and follow the runs it starts, and
                                             the runs the events they emit start, step by step

Options:
  --url URL          the LoopLlama server (LOOPLLAMA_URL; default http://localhost:3000)
  --token TOKEN      an API token of the workspace (LOOPLLAMA_TOKEN)
  --workspace SLUG   the workspace, for tokens that can reach several (LOOPLLAMA_WORKSPACE)
  --force            pull, init: overwrite a directory that is not empty
  --template NAME    init: the architecture to start from
  -h, --help         show this help
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  tty: boolean;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  tty: !!process.stdout.isTTY,
};

function printErrors(io: Io, dir: string, errors: CompileError[]) {
  for (const e of errors)
    io.err(plainText(`${join(dir, e.file)}:${e.line}${e.column ? `:${e.column}` : ""}: ${e.message}\n`));
}

/** Runs one command; resolves to the process's exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: "string" },
        token: { type: "string" },
        workspace: { type: "string" },
        input: { type: "string" },
        data: { type: "string" },
        force: { type: "boolean" },
        template: { type: "string" },
        list: { type: "boolean" },
        // emit always follows the chain; the flag is accepted for those who ask for it.
        follow: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, arg, ...extra] = positionals;
  if (values.help || !command || command === "help") {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const needArg = (what: string) => {
    if (!arg || extra.length) throw new CliError(`Usage: loopllama ${command} ${what}`);
    return arg;
  };
  const client = (): ApiClient => {
    const token = values.token ?? io.env.LOOPLLAMA_TOKEN;
    if (!token)
      throw new CliError("Give an API token with --token or LOOPLLAMA_TOKEN (create one under Settings → API tokens)");
    return apiClient({
      url: values.url ?? io.env.LOOPLLAMA_URL ?? "http://localhost:3000",
      token,
      workspace: values.workspace ?? io.env.LOOPLLAMA_WORKSPACE,
    });
  };

  try {
    switch (command) {
      case "init":
        if (values.list) {
          io.out(templateList());
          return 0;
        }
        if (!values.template) throw new CliError("Usage: loopllama init --template NAME DIR (or --list)");
        return await init(io, needArg("--template NAME DIR"), values.template, !!values.force);
      case "compile":
        return await compile(io, needArg("DIR"));
      case "push":
        return await push(io, needArg("DIR"), client);
      case "pull":
        return await pull(io, needArg("DIR"), client(), !!values.force);
      case "run":
        if (!arg && values.input === undefined) return await hosting(io, client(), true);
        if (values.input === undefined) throw new CliError("Usage: loopllama run WORKFLOW --input TEXT");
        await hosting(io, client(), false);
        return await run(io, client(), needArg("WORKFLOW --input TEXT"), values.input);
      case "emit":
        if (values.data === undefined) throw new CliError("Usage: loopllama emit EVENT --data JSON");
        return await emit(io, client(), needArg("EVENT --data JSON"), values.data);
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`✗ ${plainText(err.message)}\n`);
      return 1;
    }
    io.err(`✗ ${plainText((err as Error).message)}\n`);
    return 1;
  }
}

async function readDir(dir: string): Promise<ProjectFiles> {
  try {
    return await readProjectDir(dir);
  } catch (err) {
    throw new CliError(`Cannot read ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

async function init(io: Io, dir: string, template: string, force: boolean): Promise<number> {
  if (!isArchitectureId(template)) {
    throw new CliError(`No template "${template}"; use one of ${ARCHITECTURE_IDS.join(", ")}`);
  }
  if (!force && (await isNonEmptyDir(dir))) throw new CliError(`${dir} is not empty; pass --force to write into it`);
  const files = templateFiles(template);
  await writeProjectDir(dir, files);
  io.out(`✓ wrote the ${template} template (${plural(Object.keys(files).length, "file")}) to ${dir}\n`);
  return 0;
}

/** The sandbox providers configured where the command runs (the server says for itself on push). */
function compileOptions(io: Io): CompileOptions {
  return {
    sandboxProviders: Object.entries(SANDBOX_PROVIDER_ENV).flatMap(([p, name]) => (io.env[name] ? [p] : [])),
  };
}

function printWarnings(io: Io, dir: string, warnings: CompileError[]) {
  for (const w of warnings) io.err(plainText(`${join(dir, w.file)}:${w.line}: warning: ${w.message}\n`));
}

async function compile(io: Io, dir: string): Promise<number> {
  const result = compileProject(await readDir(dir), compileOptions(io));
  if (!result.ok) {
    printErrors(io, dir, result.errors);
    io.err(`✗ ${plural(result.errors.length, "error")}\n`);
    return 1;
  }
  printWarnings(io, dir, result.warnings);
  const { stats } = result.project;
  io.out(
    `✓ ${plural(stats.workflows, "workflow")} · ${plural(stats.steps, "step")} · ${plural(stats.events, "event")} — graph ok\n`,
  );
  return 0;
}

interface ImportResult {
  workflows: { name: string; dir: string; status: string; version: number }[];
  events: { name: string; status: string }[];
}

async function push(io: Io, dir: string, client: () => ApiClient): Promise<number> {
  const files = await readDir(dir);
  const compiled = compileProject(files, compileOptions(io));
  if (!compiled.ok) {
    printErrors(io, dir, compiled.errors);
    io.err(`✗ ${plural(compiled.errors.length, "error")}; nothing pushed\n`);
    return 1;
  }
  const refused = compiled.warnings.filter((w) => w.refusesPush);
  if (refused.length) {
    printErrors(io, dir, refused);
    io.err(`✗ ${plural(refused.length, "undeclared tool")}; nothing pushed\n`);
    return 1;
  }
  // Only what the project is made of: a README or notes beside it stay local.
  const sent = Object.fromEntries(
    Object.entries(files).filter(([p]) => p === REGISTRY_FILE || /^(workflows|skills|sensors)\//.test(p)),
  );
  let result: ImportResult;
  try {
    result = await client().request<ImportResult>("POST", "/api/v1/projects/import", { files: sent });
  } catch (err) {
    if (err instanceof CliError && Array.isArray(err.details) && (err.details as CompileError[])[0]?.file) {
      printErrors(io, dir, err.details as CompileError[]);
      io.err(`✗ The server refused the project; nothing pushed\n`);
      if ((err.details as CompileError[]).some((e) => /fields cannot change/.test(e.message))) {
        io.err(
          "  The workspace already has these event types with other fields. Push into a workspace of its own:\n" +
            "  create one in the dashboard (the workspace menu → Create workspace), make an API token there, and push\n" +
            "  with that token (or rename the event types in the project).\n",
        );
      }
      return 1;
    }
    throw err;
  }
  for (const w of result.workflows) {
    const mark = w.status === "unchanged" ? "·" : "✓";
    io.out(plainText(`${mark} ${w.name} ${w.status}${w.status === "unchanged" ? "" : ` (version ${w.version})`}\n`));
  }
  for (const e of result.events.filter((e) => e.status !== "unchanged")) io.out(`✓ event ${e.name} ${e.status}\n`);
  const changed = result.workflows.filter((w) => w.status !== "unchanged").length;
  io.out(
    `✓ pushed ${plural(result.workflows.length, "workflow")} (${changed} changed) · ${plural(result.events.length, "event")}\n`,
  );
  return 0;
}

async function pull(io: Io, dir: string, client: ApiClient, force: boolean): Promise<number> {
  if (!force && (await isNonEmptyDir(dir))) {
    throw new CliError(`${dir} is not empty; pass --force to overwrite it`);
  }
  const { files } = await client.request<{ files: ProjectFiles }>("GET", "/api/v1/projects/export");
  // A step removed in the workspace must not linger as a file.
  if (force) {
    for (const sub of ["workflows", "skills", "sensors"]) await rm(join(dir, sub), { recursive: true, force: true });
  }
  await writeProjectDir(dir, files);
  io.out(`✓ wrote ${plural(Object.keys(files).length, "file")} to ${dir}\n`);
  return 0;
}

interface WorkflowSummary {
  id: string;
  name: string;
}

async function findWorkflow(client: ApiClient, nameOrId: string): Promise<WorkflowSummary> {
  const matches: WorkflowSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page: { data: WorkflowSummary[]; nextCursor: string | null } = await client.request(
      "GET",
      `/api/v1/workflows?${query}`,
    );
    for (const w of page.data) {
      if (w.id === nameOrId) return w;
      if (w.name === nameOrId) matches.push(w);
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CliError(
      `${matches.length} workflows are named "${nameOrId}"; give an id: ${matches.map((m) => m.id).join(", ")}`,
    );
  }
  throw new CliError(`No workflow named "${nameOrId}" (nor with that id) in the workspace`);
}

/** The line the Events page shows for the project: "hosting 1 sensor webhook · 1 schedule armed". */
async function hosting(io: Io, client: ApiClient, waiting: boolean): Promise<number> {
  const res = await client.request<{ summary: string }>("GET", "/api/v1/projects/hosting");
  io.out(plainText(`${res.summary}${waiting ? " · waiting for events" : ""}\n`));
  return 0;
}

async function run(io: Io, client: ApiClient, nameOrId: string, input: string): Promise<number> {
  const workflow = await findWorkflow(client, nameOrId);
  let started: { id: string };
  try {
    started = await client.request<{ id: string }>("POST", `/api/v1/workflows/${workflow.id}/runs`, { input });
  } catch (err) {
    // A workflow that reads its event's data runs from an event, not from an input.
    const details = err instanceof CliError && Array.isArray(err.details) ? (err.details as { field?: string }[]) : [];
    if (details.some((d) => d.field === "event")) {
      const event = /emit an? (\w+) \(/.exec(err instanceof Error ? err.message : "")?.[1] ?? "EVENT";
      throw new CliError(
        `${(err as Error).message.replace(/^.*?failed \(400\): /, "").replace(/ \(POST \/api\/v1\/events\)/, "")} ` +
          `With the CLI: loopllama emit ${event} --data '{…}'`,
      );
    }
    throw err;
  }
  io.out(plainText(`▸ ${workflow.name}: run ${started.id}\n`));
  const progress = new Progress(io.out, io.tty);
  const final = await followRun(client, started.id, progress);
  progress.flush();
  return final.status === "completed" ? 0 : 1;
}

interface EmitResult {
  event: { id: string; name: string; note: string | null };
  runs: { id: string; workflowName: string }[];
}

/** How many events down a chain emit follows (the server's EVENT_MAX_DEPTH stops chains at 10). */
const MAX_CHAIN = 20;

function eventLine(result: EmitResult, from?: string): string {
  const runs = result.runs.length ? `started ${plural(result.runs.length, "run")}` : `started no runs`;
  const origin = from ? `${from} emitted ` : "";
  return `▸ ${origin}${result.event.name} ${result.event.id}: ${runs}${result.event.note ? ` (${result.event.note})` : ""}`;
}

/**
 * Follows the runs an event started and, as each completes, the runs started
 * by the events its steps emitted, down the chain. Resolves to every run's final status.
 */
async function followChain(
  client: ApiClient,
  progress: Progress,
  runs: EmitResult["runs"],
  depth: number,
): Promise<string[]> {
  const statuses = await Promise.all(
    runs.map(async (r) => {
      const final = await followRun(client, r.id, progress, runs.length > 1 ? r.workflowName : "");
      if (final.status !== "completed" || depth >= MAX_CHAIN) return [final.status];
      const emitted = await client.request<{ data: (EmitResult["event"] & { runs: EmitResult["runs"] })[] }>(
        "GET",
        `/api/v1/events?sourceRunId=${encodeURIComponent(r.id)}&limit=100`,
      );
      const later: string[] = [final.status];
      // Oldest first, as the run emitted them.
      for (const event of [...emitted.data].reverse()) {
        progress.line(eventLine({ event, runs: event.runs }, final.workflowName ?? r.workflowName));
        later.push(...(await followChain(client, progress, event.runs, depth + 1)));
      }
      return later;
    }),
  );
  return statuses.flat();
}

async function emit(io: Io, client: ApiClient, name: string, raw: string): Promise<number> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new CliError('--data is not JSON; give an object like \'{"title": "…"}\'');
  }
  const result = await client.request<EmitResult>("POST", "/api/v1/events", { name, data });
  io.out(plainText(`${eventLine(result)}\n`));
  const progress = new Progress(io.out, io.tty && result.runs.length === 1);
  const statuses = await followChain(client, progress, result.runs, 0);
  progress.flush();
  return statuses.every((s) => s === "completed") ? 0 : 1;
}
