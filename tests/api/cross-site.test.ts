import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as acceptInvite } from "@/app/api/invites/[token]/route";
import { POST as createInvite } from "@/app/api/v1/invites/route";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { PATCH as renameWorkspace } from "@/app/api/v1/workspace/route";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";
import { apiRequest, call, makeUser } from "../support/factory";

afterEach(() => {
  delete process.env.APP_URL;
  resetEnv();
});

/** A cookie request built by hand, so the test decides every header. */
function cookieRequest(method: string, cookie: string, headers: Record<string, string>, body?: unknown) {
  return new Request("http://localhost/api/v1/workflows", {
    method,
    headers: { cookie, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("cookie-authenticated writes check Origin", () => {
  it("refuses another site's Origin, a missing one and `null` with 403, and writes nothing", async () => {
    const u = await makeUser("xs");
    const refused: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "http://localhost.evil.example" },
      { origin: "null" },
      {},
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      const res = await call(createWorkflow, cookieRequest("POST", u.cookie, headers, { name: "Forged" }));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const renamed = await call(
      renameWorkspace,
      apiRequest(
        "PATCH",
        "/api/v1/workspace",
        { cookie: u.cookie },
        { name: "Taken" },
        { origin: "https://evil.example" },
      ),
    );
    expect(renamed.status).toBe(403);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
    expect((await db.workspace.findUniqueOrThrow({ where: { id: u.workspaceId } })).name).not.toBe("Taken");
  });

  it("compares the whole origin: another scheme or port of this host or of APP_URL is refused", async () => {
    process.env.APP_URL = "https://app.loopllama.test";
    resetEnv();
    const u = await makeUser("xs-scheme");
    const refused: Record<string, string>[] = [
      // The request came over http; an https page of the same host is another origin, and so on.
      { origin: "https://localhost" },
      { origin: "http://localhost:8080" },
      { origin: "http://app.loopllama.test" },
      { origin: "https://app.loopllama.test:8443" },
      { origin: "https://localhost", host: "localhost" },
    ];
    for (const headers of refused) {
      const res = await call(createWorkflow, cookieRequest("POST", u.cookie, headers, { name: "Forged" }));
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const viaHost = await call(
      createWorkflow,
      cookieRequest(
        "POST",
        u.cookie,
        { origin: "http://app.internal:3000", host: "app.internal:3000" },
        { name: "Ok" },
      ),
    );
    expect(viaHost.status).toBe(201);
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
  });

  it("accepts this host's Origin, APP_URL's origin, and Sec-Fetch-Site: same-origin without Origin", async () => {
    process.env.APP_URL = "https://app.loopllama.test";
    resetEnv();
    const u = await makeUser("xs-ok");
    const accepted: Record<string, string>[] = [
      { origin: "http://localhost" },
      { origin: "https://app.loopllama.test" },
      { "sec-fetch-site": "same-origin" },
    ];
    for (const headers of accepted) {
      const res = await call(createWorkflow, cookieRequest("POST", u.cookie, headers, { name: "Mine" }));
      expect(res.status, JSON.stringify(headers)).toBe(201);
    }
  });

  it("leaves reads and API tokens alone", async () => {
    const u = await makeUser("xs-read");
    const read = await call(listWorkflows, cookieRequest("GET", u.cookie, { origin: "https://evil.example" }));
    expect(read.status).toBe(200);
    expect((await call(me, cookieRequest("GET", u.cookie, {}))).status).toBe(200);
    const viaToken = await call(
      createWorkflow,
      apiRequest(
        "POST",
        "/api/v1/workflows",
        { token: u.token },
        { name: "Scripted" },
        { origin: "https://evil.example" },
      ),
    );
    expect(viaToken.status).toBe(201);
  });

  it("covers accepting an invite (a cookie write outside /api/v1)", async () => {
    const owner = await makeUser("xs-owner");
    const guest = await makeUser("xs-guest");
    const invite = await call(
      createInvite,
      apiRequest("POST", "/api/v1/invites", { cookie: owner.cookie }, { email: guest.email }),
    );
    const token = invite.body.url.split("/invite/")[1];
    const forged = await call(
      acceptInvite,
      apiRequest("POST", `/api/invites/${token}`, { cookie: guest.cookie }, undefined, {
        origin: "https://evil.example",
      }),
      { token },
    );
    expect(forged.status).toBe(403);
    expect(await db.membership.count({ where: { workspaceId: owner.workspaceId, userId: guest.userId } })).toBe(0);
    const ok = await call(acceptInvite, apiRequest("POST", `/api/invites/${token}`, { cookie: guest.cookie }), {
      token,
    });
    expect(ok.status).toBe(200);
  });
});

describe("pages", () => {
  const directives = (csp: string) =>
    new Map(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(" ")] as const;
      }),
    );

  it("send a Content-Security-Policy that forbids framing, keeps base, plugins and forms on this site, and runs only nonced scripts", async () => {
    const csp = proxy(new NextRequest("http://localhost/w/acme/workflows")).headers.get("content-security-policy")!;
    const page = directives(csp);
    expect(page.get("frame-ancestors")).toBe("'none'");
    expect(page.get("base-uri")).toBe("'self'");
    expect(page.get("object-src")).toBe("'none'");
    expect(page.get("form-action")).toBe("'self'");
    expect(page.get("default-src")).toBe("'self'");
    expect(page.get("script-src")).toMatch(/^'self' 'nonce-[^']+' 'strict-dynamic'$/);
    // Pages get only that policy: none from next.config.ts, which would be enforced besides it.
    const rules = await nextConfig.headers!();
    const keys = (source: string) => rules.find((r) => r.source === source)?.headers.map((h) => h.key) ?? [];
    expect(keys("/:path*")).not.toContain("Content-Security-Policy");
    // API answers and built files keep the one against framing.
    for (const source of ["/api/:path*", "/_next/:path*"]) {
      const fixed = rules.find((r) => r.source === source)!.headers.find((h) => h.key === "Content-Security-Policy")!;
      expect(directives(fixed.value).get("frame-ancestors"), source).toBe("'none'");
    }
  });

  it("in production, every answer tells browsers to keep to https", async () => {
    const hsts = async () =>
      (await nextConfig.headers!())
        .find((r) => r.source === "/:path*")!
        .headers.find((h) => h.key === "Strict-Transport-Security")?.value;
    expect(await hsts()).toBeUndefined();
    vi.stubEnv("NODE_ENV", "production");
    try {
      expect(await hsts()).toBe("max-age=31536000");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
