import "server-only";
import { z } from "zod";
import type { Scope } from "@/lib/db/tenant";
import { ToolError } from "./errors";
import { LOAD_SKILL_TOOL, parseToolName } from "./tool-names";
import type { ToolSpec } from "./types";

/*
 * What a workflow version imported from a project pins beside its graph
 * (WorkflowVersion.context): the tools its registry declares and the skills
 * its nodes list. Read back here for the version's runs.
 */

const declaredTool = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("mcp"),
    name: z.string(),
    description: z.string().nullable(),
    server: z.string(),
    tool: z.string(),
  }),
  z.object({ kind: z.literal("workflow"), name: z.string(), description: z.string().nullable(), workflow: z.string() }),
  z.object({
    kind: z.literal("http"),
    name: z.string(),
    description: z.string().nullable(),
    method: z.enum(["GET", "POST", "PUT", "DELETE"]),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().nullable(),
    credential: z.string().nullable(),
    params: z.record(z.string(), z.string()),
  }),
]);
export type DeclaredTool = z.infer<typeof declaredTool>;
export type DeclaredHttpTool = Extract<DeclaredTool, { kind: "http" }>;

const skill = z.object({
  name: z.string(),
  description: z.string(),
  body: z.string(),
  files: z.record(z.string(), z.string()),
});
export type VersionSkill = z.infer<typeof skill>;

const contextSchema = z.object({
  tools: z.array(declaredTool).default([]),
  skills: z.array(skill).default([]),
});
export type VersionContext = z.infer<typeof contextSchema>;

/** A version's pinned context; empty for a version saved in the dashboard. */
export function parseVersionContext(value: unknown): VersionContext {
  const parsed = contextSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { tools: [], skills: [] };
}

/** The context of the version a run pinned. */
export async function runContext(scope: Scope, runId: string): Promise<VersionContext> {
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: { workflowVersion: { select: { context: true } } },
  });
  return parseVersionContext(run?.workflowVersion.context);
}

/**
 * The names a step lists, with each declared tool as the tool it stands for: an MCP
 * server's one tool as `mcp:<server>/<tool>`, a workflow (by its name) as
 * `workflow:<id>`; declared HTTP tools keep their names.
 */
export async function expandDeclared(
  scope: Scope,
  names: readonly string[],
  context: VersionContext,
): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const ref = parseToolName(name);
    if (ref?.kind !== "declared") {
      out.push(name);
      continue;
    }
    const tool = context.tools.find((t) => t.name === name);
    if (!tool) throw new ToolError(`Tool ${name} is not declared in the project this workflow was pushed from`);
    if (tool.kind === "mcp") out.push(`mcp:${tool.server}/${tool.tool}`);
    else if (tool.kind === "workflow") {
      const wf = await scope.db.workflow.findFirst({
        where: { name: tool.workflow },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      });
      if (!wf) throw new ToolError(`Tool ${name}: no workflow named "${tool.workflow}" in this workspace`);
      out.push(`workflow:${wf.id}`);
    } else out.push(name);
  }
  return out;
}

const JSON_TYPE: Record<string, string> = { str: "string", int: "integer", number: "number", bool: "boolean" };

/** A declared HTTP tool as the model sees it: its description and its params. */
export function httpToolSpec(tool: DeclaredHttpTool): ToolSpec {
  return {
    name: tool.name,
    description: tool.description ?? `${tool.method} ${tool.url}`,
    inputSchema: {
      type: "object",
      properties: Object.fromEntries(
        Object.entries(tool.params).map(([p, t]) => [p, { type: JSON_TYPE[t] ?? "string" }]),
      ),
      required: Object.keys(tool.params),
    },
  };
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The request a declared HTTP tool makes for the model's input: each `{{ param }}` filled
 * in (URL-encoded in the URL, JSON-escaped in the body), every param required and typed.
 */
export function renderHttpTool(
  tool: DeclaredHttpTool,
  input: Record<string, unknown>,
): { method: DeclaredHttpTool["method"]; url: string; headers: Record<string, string>; body?: string } {
  for (const [p, t] of Object.entries(tool.params)) {
    const v = input[p];
    const ok =
      t === "str"
        ? typeof v === "string"
        : t === "bool"
          ? typeof v === "boolean"
          : t === "int"
            ? Number.isInteger(v)
            : typeof v === "number" && Number.isFinite(v);
    if (!ok) throw new ToolError(`Tool ${tool.name}: ${p} must be a ${JSON_TYPE[t] ?? t}`);
  }
  const fill = (text: string, encode: (v: string) => string) =>
    text.replace(TEMPLATE, (_, p: string) => encode(String(input[p])));
  const body =
    tool.body === null
      ? undefined
      : tool.body.replace(TEMPLATE, (_, p: string) =>
          typeof input[p] === "string" ? JSON.stringify(input[p]).slice(1, -1) : String(input[p]),
        );
  return {
    method: tool.method,
    url: fill(tool.url, encodeURIComponent),
    headers: Object.fromEntries(
      Object.entries(tool.headers).map(([h, v]) => [h, fill(v, (s) => s.replace(/[\r\n]/g, " "))]),
    ),
    ...(body !== undefined ? { body } : {}),
  };
}

/** The load_skill tool of a step that lists `names`: their names and descriptions are its description. */
export function loadSkillSpec(skills: VersionSkill[]): ToolSpec {
  const listed = skills.map((s) => `- ${s.name}: ${s.description}`).join("\n");
  return {
    name: LOAD_SKILL_TOOL,
    description: `Load one of your skills' instructions when a task calls for it; a skill may name files of its own to load the same way. Your skills:\n${listed}`,
    inputSchema: {
      type: "object",
      properties: {
        name: { type: "string", enum: skills.map((s) => s.name) },
        file: {
          type: "string",
          description: "A file of the skill's folder, like checklist.md; left out: its instructions",
        },
      },
      required: ["name"],
    },
  };
}

/** What load_skill returns: the skill's instructions, or one of its files. */
export function loadSkill(skills: VersionSkill[], input: Record<string, unknown>): string {
  const found = skills.find((s) => s.name === input.name);
  if (!found)
    throw new ToolError(`No skill named ${String(input.name)} (skills: ${skills.map((s) => s.name).join(", ")})`);
  if (input.file === undefined || input.file === null || input.file === "" || input.file === "SKILL.md")
    return found.body;
  const path = `skills/${found.name}/${String(input.file)}`;
  const content = Object.hasOwn(found.files, path) ? found.files[path] : undefined;
  if (content === undefined) {
    const others = Object.keys(found.files)
      .map((p) => p.slice(`skills/${found.name}/`.length))
      .filter((p) => p !== "SKILL.md");
    throw new ToolError(
      `Skill ${found.name} has no file ${String(input.file)} (files: ${others.join(", ") || "none"})`,
    );
  }
  return content;
}
