import { SANDBOX_NAME, SLUG } from "@/lib/graph/names";
import { DECLARED_TOOL_NAME, RESERVED_TOOL_NAMES } from "@/lib/tools/tool-names";
import { MAX_SANDBOXES, MAX_TOOL_DECLARATIONS, type ProjectSandbox, type ProjectTool } from "./types";
import type { YamlSource } from "./yaml-source";

/* Pure: the registry's tools: and sandboxes: sections, each problem at its line. */

type Obj = Record<string, unknown>;
type Report = (line: number, message: string) => void;
const isMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const TOOL_KINDS = "mcp: <server>/<tool>, http: { url, … } or workflow: <workflow>";
const HTTP_KEYS = ["method", "url", "headers", "body", "credential", "params"];
const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
const MCP_REF = /^([a-z0-9][a-z0-9_-]{0,39})\/([A-Za-z0-9_.-]{1,64})$/;
const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PARAM_TYPES = ["str", "int", "number", "bool"];
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The `tools:` section: each entry one of an MCP server's tools, an HTTP call or a workflow. */
export function readTools(section: Obj, yaml: YamlSource, report: Report): Record<string, ProjectTool> {
  const tools = Object.create(null) as Record<string, ProjectTool>;
  const names = Object.keys(section);
  if (names.length > MAX_TOOL_DECLARATIONS)
    report(yaml.lineOf(["tools"]), `tools: declare at most ${MAX_TOOL_DECLARATIONS} tools`);
  for (const [name, value] of Object.entries(section)) {
    const at = (...path: string[]) => yaml.lineOf(["tools", name, ...path]);
    if (!DECLARED_TOOL_NAME.test(name) || RESERVED_TOOL_NAMES.includes(name)) {
      report(
        at(),
        `Tool name "${name}": use lowercase letters, digits and _ starting with a letter (at most 64); ${RESERVED_TOOL_NAMES.join(", ")} are taken`,
      );
      continue;
    }
    if (!isMap(value)) {
      report(at(), `tools.${name} is one of ${TOOL_KINDS}`);
      continue;
    }
    const kinds = ["mcp", "http", "workflow"].filter((k) => k in value);
    const extra = Object.keys(value).filter((k) => !["mcp", "http", "workflow", "description"].includes(k));
    for (const k of extra)
      report(at(k), `tools.${name}.${k} is not supported (use mcp, http or workflow, and description)`);
    if (kinds.length !== 1) {
      report(at(), `tools.${name} is exactly one of ${TOOL_KINDS}`);
      continue;
    }
    let description: string | null = null;
    if (value.description !== undefined) {
      if (typeof value.description === "string" && value.description.trim().length <= 1000)
        description = value.description.trim() || null;
      else report(at("description"), `tools.${name}.description must be text of at most 1000 characters`);
    }
    const kind = kinds[0]!;
    if (kind === "mcp") {
      const m = typeof value.mcp === "string" ? MCP_REF.exec(value.mcp.trim()) : null;
      if (!m)
        report(at("mcp"), `tools.${name}.mcp names a registered MCP server and one of its tools: <server>/<tool>`);
      else tools[name] = { name, description, kind: "mcp", server: m[1]!, tool: m[2]! };
    } else if (kind === "workflow") {
      if (typeof value.workflow !== "string" || !SLUG.test(value.workflow))
        report(at("workflow"), `tools.${name}.workflow names a workflow of the project (its directory) or workspace`);
      else tools[name] = { name, description, kind: "workflow", workflow: value.workflow };
    } else {
      const tool = readHttpTool(name, value.http, (...p) => at("http", ...p), report);
      if (tool) tools[name] = { name, description, ...tool };
    }
  }
  return tools;
}

function readHttpTool(
  name: string,
  value: unknown,
  at: (...path: string[]) => number,
  report: Report,
): Omit<Extract<ProjectTool, { kind: "http" }>, "name" | "description"> | null {
  const where = `tools.${name}.http`;
  if (!isMap(value)) {
    report(at(), `${where} is { url, method, headers, body, credential, params }`);
    return null;
  }
  let ok = true;
  const bad = (line: number, message: string) => {
    ok = false;
    report(line, message);
  };
  for (const k of Object.keys(value)) {
    if (!HTTP_KEYS.includes(k)) bad(at(k), `${where}.${k} is not supported (use ${HTTP_KEYS.join(", ")})`);
  }
  const params: Record<string, string> = {};
  if (value.params !== undefined) {
    if (!isMap(value.params)) bad(at("params"), `${where}.params is { <name>: str | int | number | bool }`);
    else
      for (const [p, t] of Object.entries(value.params)) {
        if (!/^[a-z_][a-z0-9_]{0,39}$/.test(p) || typeof t !== "string" || !PARAM_TYPES.includes(t))
          bad(at("params", p), `${where}.params.${p}: use a lowercase name and one of ${PARAM_TYPES.join(", ")}`);
        else params[p] = t;
      }
  }
  const templated = (key: string, text: unknown, line: number): string | null => {
    if (typeof text !== "string" || !text.trim() || text.length > 10_000) {
      bad(line, `${where}.${key} must be text of 1 to 10000 characters`);
      return null;
    }
    for (const m of text.matchAll(TEMPLATE)) {
      const ref = m[1]!;
      if (!Object.hasOwn(params, ref))
        bad(
          line,
          `${where}.${key}: {{ ${ref} }} is not one of its params (${Object.keys(params).join(", ") || "none"})`,
        );
    }
    return text;
  };
  const url = templated("url", value.url, at("url"));
  if (url !== null) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url.replace(TEMPLATE, "x"));
    } catch {
      bad(at("url"), `${where}.url must be an absolute https:// or http:// URL`);
    }
    if (parsed && !["https:", "http:"].includes(parsed.protocol))
      bad(at("url"), `${where}.url must be an absolute https:// or http:// URL`);
    else if (parsed && /^[a-z]+:\/\/[^/]*\{\{/i.test(url))
      bad(at("url"), `${where}.url: the host cannot be templated (its credential is bound to it)`);
  }
  const method = value.method === undefined ? "GET" : String(value.method).toUpperCase();
  if (!(METHODS as readonly string[]).includes(method))
    bad(at("method"), `${where}.method is one of ${METHODS.join(", ")}`);
  const headers: Record<string, string> = {};
  if (value.headers !== undefined) {
    if (!isMap(value.headers)) bad(at("headers"), `${where}.headers is { <header>: <text> }`);
    else
      for (const [h, v] of Object.entries(value.headers)) {
        const t = templated(`headers.${h}`, v, at("headers", h));
        if (t !== null) headers[h] = t;
      }
  }
  let body: string | null = null;
  if (value.body !== undefined && value.body !== null) {
    const text = typeof value.body === "string" ? value.body : JSON.stringify(value.body);
    body = templated("body", text, at("body"));
  }
  let credential: string | null = null;
  if (value.credential !== undefined) {
    if (typeof value.credential === "string" && value.credential.trim().length > 0 && value.credential.length <= 64)
      credential = value.credential.trim();
    else bad(at("credential"), `${where}.credential is the id of a workspace http credential`);
  }
  if (!ok || url === null) return null;
  return { kind: "http", method: method as (typeof METHODS)[number], url, headers, body, credential, params };
}

/** The `sandboxes:` section: a provider, an image and the hosts the sandbox may reach. */
export function readSandboxes(section: Obj, yaml: YamlSource, report: Report): Record<string, ProjectSandbox> {
  const sandboxes = Object.create(null) as Record<string, ProjectSandbox>;
  const KEYS = ["provider", "image", "network", "reuse"];
  const names = Object.keys(section);
  // Named at the first sandbox past the cap.
  if (names.length > MAX_SANDBOXES)
    report(
      yaml.lineOf(["sandboxes", names[MAX_SANDBOXES]!]),
      `sandboxes: declare at most ${MAX_SANDBOXES} sandboxes (this declares ${names.length})`,
    );
  for (const [name, value] of Object.entries(section)) {
    const at = (...path: (string | number)[]) => yaml.lineOf(["sandboxes", name, ...path]);
    const where = `sandboxes.${name}`;
    if (!SANDBOX_NAME.test(name)) {
      report(at(), `Sandbox name "${name}": use letters, digits, _ and - (at most 40)`);
      continue;
    }
    if (!isMap(value)) {
      report(at(), `${where} is { provider: daytona, image, network: [<host>, …] }`);
      continue;
    }
    let ok = true;
    const bad = (line: number, message: string) => {
      ok = false;
      report(line, message);
    };
    for (const k of Object.keys(value))
      if (!KEYS.includes(k)) bad(at(k), `${where}.${k} is not supported (use ${KEYS.join(", ")})`);
    if (value.provider !== "daytona")
      bad(at("provider"), `${where}.provider: daytona is the sandbox provider supported`);
    let image: ProjectSandbox["image"] = {};
    if (typeof value.image === "string" && value.image.trim() && value.image.length <= 300) image = value.image.trim();
    else if (isMap(value.image)) {
      const extra = Object.keys(value.image).filter((k) => k !== "debian_slim" && k !== "apt");
      for (const k of extra) bad(at("image", k), `${where}.image.${k} is not supported (use debian_slim, apt)`);
      const { debian_slim: python, apt } = value.image;
      if (python !== undefined && (typeof python !== "string" || !/^3\.\d{1,2}$/.test(python)))
        bad(at("image", "debian_slim"), `${where}.image.debian_slim is a Python version, like "3.12"`);
      const packages = Array.isArray(apt) ? apt : apt === undefined ? [] : null;
      if (
        !packages ||
        packages.length > 50 ||
        packages.some((p) => typeof p !== "string" || !/^[a-z0-9][a-z0-9+.-]{0,99}$/.test(p))
      )
        bad(at("image", "apt"), `${where}.image.apt is a list of at most 50 Debian package names`);
      image = {
        ...(typeof python === "string" ? { debian_slim: python } : {}),
        ...(packages && packages.length ? { apt: packages as string[] } : {}),
      };
    } else if (value.image !== undefined)
      bad(at("image"), `${where}.image is an image name or { debian_slim: "<python>", apt: [<package>, …] }`);
    const network = value.network === undefined ? [] : value.network;
    if (!Array.isArray(network) || network.length > 50 || network.some((h) => typeof h !== "string" || !HOST.test(h)))
      bad(at("network"), `${where}.network is a list of at most 50 host names the sandbox may reach`);
    const reuse = value.reuse ?? "run";
    if (reuse !== "run" && reuse !== "workflow")
      bad(at("reuse"), `${where}.reuse is run (a sandbox per run) or workflow`);
    if (ok)
      sandboxes[name] = {
        name,
        provider: "daytona",
        image,
        network: network as string[],
        reuse: reuse as "run" | "workflow",
      };
  }
  return sandboxes;
}
