import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as openapiJson } from "@/app/api/v1/openapi.json/route";
import { DOC_PAGES } from "@/lib/docs/pages";

/**
 * A client generated from the document with openapi-typescript's defaults must
 * accept the docs' curl examples as typed calls, and refuse wrong ones.
 */

interface CurlCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
}

/** The shell commands of a code block: continuation lines joined, quotes kept together, comments dropped. */
function shellCommands(block: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  const endWord = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < block.length; i++) {
    const c = block[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "\\" && block[i + 1] === "\n") {
      i++;
    } else if (c === "#" && word === null) {
      while (i < block.length && block[i] !== "\n") i++;
      endCommand();
    } else if (c === "\n") {
      endCommand();
    } else if (c === " " || c === "\t") {
      endWord();
    } else {
      word = (word ?? "") + c;
    }
  }
  endCommand();
  return commands;
}

/** Every `curl … /api/v1/…` in the docs' sh code blocks. */
function readmeCurlCalls(readme: string): CurlCall[] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const calls: CurlCall[] = [];
  for (const words of blocks.flatMap(shellCommands)) {
    // `WF=$(curl … | jq -r .id)` keeps an id: the call is the same.
    if (words[0] && /^[A-Z_]+=\$\(curl$/.test(words[0])) words[0] = "curl";
    if (words[0] !== "curl") continue;
    const url = words.find((w) => w.includes("/api/v1/"));
    // The document itself is not one of its operations.
    if (!url || url.includes("/api/v1/openapi.json")) continue;
    let method: string | undefined;
    let body: unknown;
    const headers: Record<string, string> = {};
    for (let i = 1; i < words.length; i++) {
      if (words[i] === "-X") method = words[++i]!.toLowerCase();
      else if (words[i] === "-d") body = JSON.parse(words[++i]!);
      else if (words[i] === "-H") {
        const [name, ...value] = words[++i]!.split(":");
        if (!/^(authorization|content-type|cookie|origin)$/i.test(name!)) headers[name!] = value.join(":").trim();
      }
    }
    const [pathname, search = ""] = url.slice(url.indexOf("/api/v1/")).split("?");
    const query = Object.fromEntries(
      [...new URLSearchParams(search)].map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]),
    );
    calls.push({ method: method ?? (body === undefined ? "get" : "post"), path: pathname!, query, headers, body });
  }
  return calls;
}

/** The document's path template a concrete docs path (with `$VARIABLES`) stands for. */
function templateOf(documentPaths: string[], concrete: string): string | undefined {
  return documentPaths.find((t) =>
    new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`).test(concrete),
  );
}

const HELPERS = `import type { paths } from "./api";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never;
type JsonBody<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Headers<O> = O extends { parameters: { header?: infer H } } ? NonNullable<H> : never;
interface Init<O> {
  body?: JsonBody<O>;
  query?: Query<O>;
  headers?: Headers<O>;
}
declare function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  init: [Operation<P, M>] extends [never] ? never : Init<Operation<P, M>>,
): void;
`;

function callSource(c: CurlCall & { template: string }): string {
  const init: Record<string, unknown> = {};
  if (c.body !== undefined) init.body = c.body;
  if (Object.keys(c.query).length) init.query = c.query;
  if (Object.keys(c.headers).length) init.headers = c.headers;
  return `call(${JSON.stringify(c.method)}, ${JSON.stringify(c.template)}, ${JSON.stringify(init, null, 2)});\n`;
}

/** Type errors of each script, compiled together against the generated client. */
function typeErrors(dir: string, files: string[]): Record<string, string[]> {
  const program = ts.createProgram(
    files.map((f) => path.join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts"],
      types: [],
    },
  );
  const out: Record<string, string[]> = {};
  for (const f of files) {
    const source = program.getSourceFile(path.join(dir, f))!;
    out[f] = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    );
  }
  return out;
}

describe("a client generated with openapi-typescript", () => {
  let dir: string;
  let documentPaths: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "loopllama-openapi-client-"));
    // What GET /api/v1/openapi.json serves, as a client would download it.
    const doc = (await (await openapiJson(new Request("http://localhost:3000/api/v1/openapi.json"))).json()) as {
      paths: Record<string, unknown>;
    };
    documentPaths = Object.keys(doc.paths);
    const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0]);
    await writeFile(path.join(dir, "api.d.ts"), astToString(ast));
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("compiles the docs' curl examples as typed calls and refuses wrong ones", async () => {
    const docs = await Promise.all(DOC_PAGES.map((p) => readFile(`docs/${p.file}`, "utf8")));
    const calls = readmeCurlCalls(docs.join("\n"));
    const withBody = calls.filter((c) => c.body !== undefined).map((c) => `${c.method} ${c.path}`);
    expect(withBody).toEqual(
      expect.arrayContaining([
        "post /api/v1/workflows",
        "post /api/v1/workflows/$WF/runs",
        "put /api/v1/workflows/$WF/crew",
        "patch /api/v1/workflows/$WF",
        "post /api/v1/agents",
        "patch /api/v1/agents/$AGENT",
      ]),
    );
    const typed = calls.map((c) => ({ ...c, template: templateOf(documentPaths, c.path) }));
    expect(
      typed.filter((c) => !c.template).map((c) => c.path),
      "docs paths missing from the document",
    ).toEqual([]);

    const scripts: Record<string, string> = {
      "readme.ts": HELPERS + typed.map((c) => callSource(c as CurlCall & { template: string })).join(""),
      // Defaulted fields (model, status) may be left out; responses carry them.
      "defaults.ts":
        HELPERS +
        `type Created = paths["/api/v1/workflows"]["post"]["responses"][201]["content"]["application/json"];
const body: paths["/api/v1/workflows"]["post"]["requestBody"]["content"]["application/json"] = { name: "Minimal" };
declare const created: Created;
const status: "active" | "paused" = created.status;
const model: string = created.model.model;
call("post", "/api/v1/workflows", { body });
export { status, model };
`,
      "missing-name.ts": HELPERS + `call("post", "/api/v1/workflows", { body: { model: "claude-sonnet-4-6" } });\n`,
      "wrong-status.ts": HELPERS + `call("patch", "/api/v1/workflows/{id}", { body: { status: "stopped" } });\n`,
      "wrong-type.ts": HELPERS + `call("post", "/api/v1/workflows/{id}/runs", { body: { input: 42 } });\n`,
      "wrong-query.ts": HELPERS + `call("get", "/api/v1/runs", { query: { status: "done" } });\n`,
      "body-where-none.ts": HELPERS + `call("post", "/api/v1/runs/{id}/cancel", { body: { reason: "x" } });\n`,
      "unknown-path.ts": HELPERS + `call("get", "/api/v1/nothing", {});\n`,
      "wrong-method.ts": HELPERS + `call("put", "/api/v1/runs/{id}", {});\n`,
    };
    for (const [name, text] of Object.entries(scripts)) await writeFile(path.join(dir, name), text);
    const errors = typeErrors(dir, Object.keys(scripts));

    expect(errors["readme.ts"], scripts["readme.ts"]).toEqual([]);
    expect(errors["defaults.ts"]).toEqual([]);
    for (const bad of Object.keys(scripts).filter((f) => f !== "readme.ts" && f !== "defaults.ts")) {
      expect(errors[bad]!.length, `${bad} should not compile`).toBeGreaterThan(0);
    }
  }, 60_000);
});
