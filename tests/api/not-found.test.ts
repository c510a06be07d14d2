import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/v1/[[...path]]/route";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/api/handler";
import { CREATE_RUN_MAX_BODY_BYTES } from "@/lib/runs/schemas";
import nextConfig from "@/next.config";
import { proxy, config, PROXY_MAX_BODY_BYTES } from "@/proxy";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

describe("unknown /api/v1 paths", () => {
  it("answer JSON 404 in the one error shape, for every method", async () => {
    for (const method of METHODS) {
      // What Next hands the catch-all for `/api/v1/workflows//versions/1/restore` once it has merged the slashes.
      const path = "/api/v1/workflows/versions/1/restore";
      const res = await catchAll[method](new Request(`http://localhost${path}`, { method }));
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      if (method === "HEAD") continue;
      expect(await res.json()).toEqual({
        error: { code: "not_found", message: `No API route matches ${method} ${path}.` },
      });
    }
  });

  it("a path segment that is not UTF-8 is a JSON 400 before any route runs", async () => {
    for (const path of ["/api/v1/workflows/%FF", "/api/v1/runs/%ED%A0%80/cancel", "/api/v1/x/%E2%82"]) {
      const res = proxy(new NextRequest(`http://localhost${path}`));
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.details[0].field).toBe("(path)");
    }
    // Escapes that decode pass on to the routes.
    const fine = proxy(new NextRequest("http://localhost/api/v1/workflows/%41bc"));
    expect(fine.headers.get("x-middleware-next")).toBe("1");
    // Of the API, only paths under /api/v1 with an escape pay for the check (pages get their CSP nonce).
    expect(config.matcher[0]).toBe("/api/v1/:path(.*%.*)");
    expect(config.matcher[1]).toMatchObject({ source: "/((?!api/|_next/static|_next/image).*)" });
  });

  it("a body the proxy sees is bounded by the API's cap, not Next's 10 MB default", async () => {
    // Next buffers what the proxy sees up to this size: one byte past the largest route cap.
    expect(PROXY_MAX_BODY_BYTES).toBeGreaterThanOrEqual(Math.max(DEFAULT_MAX_BODY_BYTES, CREATE_RUN_MAX_BODY_BYTES));
    expect(PROXY_MAX_BODY_BYTES).toBeLessThan(1024 * 1024);
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(PROXY_MAX_BODY_BYTES + 1);
    // A declared larger body is refused at once, in the one error shape.
    const big = proxy(
      new NextRequest("http://localhost/api/v1/workflows/%41bc", {
        method: "PATCH",
        headers: { "content-length": String(10 * 1024 * 1024) },
      }),
    );
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("payload_too_large");
    const small = proxy(
      new NextRequest("http://localhost/api/v1/workflows/%41bc", {
        method: "PATCH",
        headers: { "content-length": "100" },
      }),
    );
    expect(small.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("a page's Content-Security-Policy", () => {
  it("allows only scripts with a nonce made for that request, and passes the nonce on to Next", () => {
    const policies = ["/signin", "/w/acme/workflows"].map((path) => {
      const res = proxy(new NextRequest(`http://localhost${path}`));
      const policy = res.headers.get("content-security-policy")!;
      expect(policy).toMatch(/(^|; )default-src 'self'(;|$)/);
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain("unsafe-eval");
      // Next reads the nonce from the request's policy.
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
      return policy;
    });
    expect(policies[0]).not.toBe(policies[1]);
  });
});
