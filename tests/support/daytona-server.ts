import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A sandbox as the local server keeps it: a directory its commands run in. */
export interface LocalSandbox {
  id: string;
  state: "creating" | "started" | "destroyed";
  /** The create request's body as the SDK sent it (image build, labels, network allowlist, …). */
  created: Record<string, unknown>;
  dir: string;
  /** Every command the sandbox was asked to run, in order. */
  commands: { command: string; cwd?: string; envs?: Record<string, string> }[];
  /** How many times the SDK asked for its state (it waits for "started"). */
  polls: number;
  /** Every file uploaded, in order, as text. */
  uploads: { path: string; content: string }[];
  /** Every file downloaded, in order. */
  downloads?: string[];
}

export interface TestDaytonaServer {
  /** The API URL a daytona credential is bound to (`<origin>/api`). */
  apiUrl: string;
  apiKey: string;
  sandboxes: Map<string, LocalSandbox>;
  /** Every request, as "<METHOD> <path>", for tests that check what the SDK called. */
  requests: string[];
  /**
   * Answers for commands, consulted before running one: a matching entry answers it instead of
   * the shell (the claude-code runtime's command is answered this way: no SDK runs here).
   */
  scripted: { match: RegExp; exitCode: number; result: string }[];
  /** From now on, answers every request with a 307 to the same path at `origin` (null: stops). */
  redirectTo(origin: string | null): void;
  close(): Promise<void>;
}

/**
 * A local server that speaks the Daytona REST API as `@daytonaio/sdk` calls it: the
 * control plane under /api (create a sandbox, read its state, delete it, its toolbox
 * proxy URL) and the toolbox under /toolbox/<id> (process execute, files bulk-upload and
 * bulk-download). A sandbox is a temporary directory: commands run in it with /bin/sh,
 * file paths resolve inside it. It reports "creating" until the SDK asks for its state
 * once, so the SDK's wait for "started" is exercised.
 */
export async function startDaytonaServer(options: { apiKey?: string; port?: number } = {}): Promise<TestDaytonaServer> {
  const apiKey = options.apiKey ?? "dtn_test_key_0123456789";
  const sandboxes = new Map<string, LocalSandbox>();
  const requests: string[] = [];
  const scripted: TestDaytonaServer["scripted"] = [];
  let origin = "";
  let redirect: string | null = null;
  let seq = 0;

  const dto = (s: LocalSandbox) => ({
    id: s.id,
    name: s.id,
    organizationId: "org-local",
    user: "daytona",
    env: {},
    labels: (s.created.labels as Record<string, string>) ?? {},
    public: false,
    target: "local",
    cpu: 1,
    gpu: 0,
    memory: 1,
    disk: 3,
    state: s.state,
    networkBlockAll: Boolean(s.created.networkBlockAll),
    ...(s.created.networkAllowList ? { networkAllowList: s.created.networkAllowList } : {}),
    toolboxProxyUrl: `${origin}/toolbox`,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });

  const inside = (s: LocalSandbox, p: string) => {
    const resolved = path.resolve(s.dir, p.replace(/^\/+/, ""));
    if (resolved !== s.dir && !resolved.startsWith(s.dir + path.sep)) throw new Error(`${p} is outside the sandbox`);
    return resolved;
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  async function run(s: LocalSandbox, command: string, cwd: string | undefined, timeout: number | undefined) {
    const answer = scripted.find((a) => a.match.test(command));
    if (answer) return { exitCode: answer.exitCode, result: answer.result };
    return new Promise<{ exitCode: number; result: string }>((resolve) => {
      execFile(
        "/bin/sh",
        ["-c", command],
        {
          cwd: cwd ? inside(s, cwd) : s.dir,
          timeout: (timeout ?? 60) * 1000,
          // The sandbox's own environment: none of the test process's variables.
          env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: s.dir },
        },
        (err: (Error & { code?: unknown }) | null, stdout: string, stderr: string) => {
          const code = err && typeof err.code === "number" ? err.code : err ? 1 : 0;
          resolve({ exitCode: code, result: stdout + stderr });
        },
      );
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    requests.push(`${req.method} ${url.pathname}`);
    if (redirect) {
      res.writeHead(307, { location: `${redirect}${url.pathname}` });
      return res.end();
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) return json(res, 401, { message: "Unauthorized" });
    let m: RegExpExecArray | null;
    if (req.method === "POST" && url.pathname === "/api/sandbox") {
      const created = JSON.parse((await body(req)).toString("utf8")) as Record<string, unknown>;
      const id = `sbx-${++seq}`;
      const dir = await mkdtemp(path.join(tmpdir(), `daytona-${id}-`));
      const s: LocalSandbox = { id, state: "creating", created, dir, commands: [], polls: 0, uploads: [] };
      sandboxes.set(id, s);
      return json(res, 200, dto(s));
    }
    if ((m = /^\/api\/sandbox\/([^/]+)\/toolbox-proxy-url$/.exec(url.pathname))) {
      return json(res, 200, { url: `${origin}/toolbox` });
    }
    if ((m = /^\/api\/sandbox\/([^/]+)$/.exec(url.pathname))) {
      const s = sandboxes.get(decodeURIComponent(m[1]!));
      if (!s || s.state === "destroyed") return json(res, 404, { message: "Sandbox not found" });
      if (req.method === "GET") {
        s.polls++;
        if (s.state === "creating") s.state = "started";
        return json(res, 200, dto(s));
      }
      if (req.method === "DELETE") {
        s.state = "destroyed";
        await rm(s.dir, { recursive: true, force: true });
        return json(res, 200, dto(s));
      }
    }
    if ((m = /^\/toolbox\/([^/]+)\/(.*)$/.exec(url.pathname))) {
      const s = sandboxes.get(decodeURIComponent(m[1]!));
      if (!s || s.state !== "started") return json(res, 404, { message: "Sandbox not started" });
      const op = `${req.method} /${m[2]}`;
      if (op === "POST /process/execute") {
        const input = JSON.parse((await body(req)).toString("utf8")) as {
          command: string;
          cwd?: string;
          envs?: Record<string, string>;
          timeout?: number;
        };
        s.commands.push({
          command: input.command,
          ...(input.cwd ? { cwd: input.cwd } : {}),
          ...(input.envs ? { envs: input.envs } : {}),
        });
        return json(res, 200, await run(s, input.command, input.cwd, input.timeout));
      }
      if (op === "POST /files/bulk-upload") {
        const form = await new Response(await body(req), {
          headers: { "content-type": req.headers["content-type"] ?? "" },
        }).formData();
        for (const [key, value] of form.entries()) {
          const i = /^files\[(\d+)\]\.file$/.exec(key)?.[1];
          if (i === undefined || typeof value === "string") continue;
          const dest = inside(s, String(form.get(`files[${i}].path`)));
          const content = Buffer.from(await value.arrayBuffer());
          s.uploads.push({ path: String(form.get(`files[${i}].path`)), content: content.toString("utf8") });
          await mkdir(path.dirname(dest), { recursive: true });
          await writeFile(dest, content);
        }
        return json(res, 200, {});
      }
      if (op === "GET /files/info") {
        const p = url.searchParams.get("path") ?? "";
        let found;
        try {
          found = await stat(inside(s, p));
        } catch {
          return json(res, 404, { message: `file not found: ${p}`, statusCode: 404, code: "FILE_NOT_FOUND" });
        }
        const modTime = found.mtime.toISOString();
        return json(res, 200, {
          name: path.basename(p),
          path: p,
          isDir: found.isDirectory(),
          size: found.size,
          mode: found.mode.toString(8),
          permissions: found.mode.toString(8),
          owner: "daytona",
          group: "daytona",
          modTime,
          modifiedAt: modTime,
        });
      }
      if (op === "POST /files/bulk-download") {
        const { paths } = JSON.parse((await body(req)).toString("utf8")) as { paths: string[] };
        (s.downloads ??= []).push(...paths);
        const boundary = `local-${Date.now()}`;
        const parts: Buffer[] = [];
        for (const p of paths) {
          let content: Buffer | null = null;
          try {
            content = await readFile(inside(s, p));
          } catch {
            content = null;
          }
          const field = content ? "file" : "error";
          const type = content ? "application/octet-stream" : "application/json";
          parts.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${p}"\r\nContent-Type: ${type}\r\n\r\n`,
            ),
            content ??
              Buffer.from(JSON.stringify({ message: `file not found: ${p}`, statusCode: 404, code: "FILE_NOT_FOUND" })),
            Buffer.from("\r\n"),
          );
        }
        parts.push(Buffer.from(`--${boundary}--\r\n`));
        res.writeHead(200, { "content-type": `multipart/form-data; boundary=${boundary}` });
        return res.end(Buffer.concat(parts));
      }
    }
    json(res, 404, { message: `No route ${req.method} ${url.pathname}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${origin}/api`,
    apiKey,
    sandboxes,
    requests,
    scripted,
    redirectTo: (to) => {
      redirect = to;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sandboxes.values()) await rm(s.dir, { recursive: true, force: true });
    },
  };
}
