import { readdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * Every route handler under app/api, served over HTTP on 127.0.0.1 as the app
 * serves them: each request goes to the route.ts whose folder matches its path
 * (static segments before dynamic ones, catch-alls last), with its params.
 * What it does not run: proxy.ts (pages' CSP, the escaped-path check) and
 * next-auth's sign-in, which needs Next's request scope.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Route {
  pattern: RegExp;
  catchAll: Set<string>;
  file: string;
  rank: number[];
}

const ROOT = path.resolve(import.meta.dirname, "../..");

async function findRoutes(dir: string, segments: string[] = []): Promise<Route[]> {
  const routes: Route[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...(await findRoutes(path.join(dir, entry.name), [...segments, entry.name])));
    else if (entry.name === "route.ts") {
      const catchAll = new Set<string>();
      let source = "";
      const rank: number[] = [];
      for (const seg of segments) {
        const optional = /^\[\[\.\.\.(\w+)\]\]$/.exec(seg);
        const all = /^\[\.\.\.(\w+)\]$/.exec(seg);
        const one = /^\[(\w+)\]$/.exec(seg);
        if (optional) {
          catchAll.add(optional[1]!);
          source += `(?:/(?<${optional[1]}>.*))?`;
          rank.push(3);
        } else if (all) {
          catchAll.add(all[1]!);
          source += `/(?<${all[1]}>.+)`;
          rank.push(2);
        } else if (one) {
          source += `/(?<${one[1]}>[^/]+)`;
          rank.push(1);
        } else {
          source += `/${seg.replace(/[.]/g, "\\.")}`;
          rank.push(0);
        }
      }
      routes.push({ pattern: new RegExp(`^/api${source}$`), catchAll, file: path.join(dir, entry.name), rank });
    }
  }
  return routes;
}

/** Static segments first, then single dynamic ones, catch-alls last, segment by segment. */
function byRank(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const d = (a.rank[i] ?? -1) - (b.rank[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startAppServer(): Promise<AppServer> {
  const routes = (await findRoutes(path.join(ROOT, "app/api"), [])).sort(byRank);
  const modules = new Map<string, Promise<Record<string, Handler | undefined>>>();
  const server: Server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const target = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      let pathname: string;
      try {
        pathname = decodeURIComponent(target.pathname);
      } catch {
        pathname = target.pathname;
      }
      const route = routes.find((r) => r.pattern.test(pathname));
      if (!modules.has(route?.file ?? "") && route) modules.set(route.file, import(route.file));
      const handler = route ? (await modules.get(route.file)!)[req.method ?? "GET"] : undefined;
      if (!route || !handler) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "not_found", message: "No such route." } }));
        return;
      }
      const params: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(route.pattern.exec(pathname)!.groups ?? {})) {
        if (route.catchAll.has(k)) params[k] = v === undefined ? [] : v.split("/");
        else if (v !== undefined) params[k] = v;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === "string") headers.set(k, v);
        else if (Array.isArray(v)) for (const item of v) headers.append(k, item);
      }
      const response = await handler(
        new Request(target, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }),
        { params: Promise.resolve(params) },
      );
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, key) => {
        if (key === "set-cookie") return;
        out[key] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) out["set-cookie"] = cookies;
      res.writeHead(response.status, out);
      if (response.body) {
        const reader = response.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
      }
      res.end();
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: String(err) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
