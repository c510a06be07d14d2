import { readdir } from "node:fs/promises";
import path from "node:path";
import type { OperationHandler } from "@/lib/api/handler";
import type { ApiOperation } from "@/lib/api/operation";

export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export interface RouteMethod {
  method: string;
  handler: OperationHandler;
  operation?: ApiOperation;
}

export interface RouteFile {
  /** The route's path with `{param}` placeholders, e.g. /api/v1/runs/{id}. */
  path: string;
  methods: RouteMethod[];
}

/** Route files under app/api, the HTTP methods they export and the operation each handler was built from. */
export async function routeFiles(): Promise<RouteFile[]> {
  const root = path.resolve("app/api");
  const out: RouteFile[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === "route.ts") {
        const mod = (await import(full)) as Record<string, unknown>;
        const rel = path
          .relative(root, dir)
          .split(path.sep)
          .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
        out.push({
          path: ["/api", ...rel].join("/").replace(/\/$/, ""),
          methods: ROUTE_METHODS.filter((m) => typeof mod[m] === "function").map((method) => {
            const handler = mod[method] as OperationHandler;
            return { method, handler, operation: (handler as Partial<OperationHandler>).operation };
          }),
        });
      }
    }
  };
  await walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
