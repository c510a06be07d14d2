import { describe, expect, it } from "vitest";

/**
 * Every /api/v1 route, found on disk: each exported method answers 401 in the
 * one error shape when the request carries no session and no token, and also
 * when it carries a made-up token. Only the OpenAPI document and the catch-all
 * 404 for unknown paths are public.
 */
const routes = import.meta.glob<Record<string, unknown>>("/app/api/v1/**/route.ts");
// The catch-all serves no resource: any caller gets its JSON 404 (tests/api/not-found.test.ts).
const PUBLIC = new Set(["/app/api/v1/openapi.json/route.ts", "/app/api/v1/[[...path]]/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** `[id]`, `[rid]`, `[version]`… get a value; the handler must refuse before it looks. */
function paramsOf(file: string): Record<string, string> {
  return Object.fromEntries([...file.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, "1"]));
}

function urlOf(file: string): string {
  return `http://localhost${file
    .replace(/^\/app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[(\w+)\]/g, "1")}`;
}

describe("every /api/v1 route", () => {
  it("is found on disk", () => {
    expect(Object.keys(routes).length).toBeGreaterThan(25);
  });

  for (const [file, load] of Object.entries(routes)) {
    if (PUBLIC.has(file)) continue;
    it(`${file.replace(/^\/app/, "")}: 401 without credentials or with an unknown token`, async () => {
      const mod = await load();
      const handlers = METHODS.filter((m) => typeof mod[m] === "function");
      expect(handlers.length, "exports at least one method").toBeGreaterThan(0);
      for (const method of handlers) {
        const handler = mod[method] as Handler;
        for (const authorization of [null, "Bearer ll_madeUpTokenThatWasNeverIssued0000000000"]) {
          const headers = new Headers({ "content-type": "application/json" });
          if (authorization) headers.set("authorization", authorization);
          const body = method === "GET" || method === "DELETE" ? undefined : "{}";
          const res = await handler(new Request(urlOf(file), { method, headers, body }), {
            params: Promise.resolve(paramsOf(file)),
          });
          const label = `${method} ${authorization ? "unknown token" : "no credentials"}`;
          expect(res.status, label).toBe(401);
          const json = (await res.json()) as { error?: { code?: string; message?: string } };
          expect(json.error?.code, label).toBe("unauthorized");
          expect(json.error?.message, label).toBeTruthy();
        }
      }
    });
  }
});
