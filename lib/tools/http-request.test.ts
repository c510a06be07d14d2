import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveChecked } from "@/lib/outbound/guarded-agent";
import { isPublicAddress, setResolver } from "@/lib/outbound/resolve";
import { ToolError } from "./errors";
import { hostMatches } from "@/lib/credentials/binding";
import { httpRequest, type HttpRequestOptions } from "./http-request";

let server: http.Server;

const bound = (hosts: string[]) => ({ name: "api token", kind: "http" as const, baseUrl: null, hosts });
let port = 0;
const seen: { method: string; url: string; authorization?: string; custom?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        custom: req.headers["x-api-key"] as string | undefined,
        body,
      });
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/redirect") {
        res.writeHead(302, { location: url.searchParams.get("to") ?? "/" });
        res.end();
      } else if (url.pathname === "/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("x".repeat(10_000));
      } else if (url.pathname === "/echo") {
        // A host that answers with the request's headers, the token among them.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ headers: req.headers }));
      } else if (url.pathname === "/slow") {
        setTimeout(() => res.end("late"), 2_000);
      } else {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: req.method, body }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

// No private address is allowed: the default, as without ALLOW_PRIVATE_TOOL_ENDPOINTS.
const strict: HttpRequestOptions = {
  allowlist: ["127.0.0.1", "localhost", "10.0.0.5", "192.168.1.1", "172.16.0.1", "169.254.169.254", "[::1]", "::1"],
  timeoutMs: 5_000,
  maxBytes: 1_000,
};
// Only the local test server's own address is let through, so redirects from it are checked for real.
const local: HttpRequestOptions = { ...strict, allowPrivate: (a) => a === "127.0.0.1" };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ToolError);
  return (err as ToolError).message;
}

describe("http_request", () => {
  it("classifies addresses: only public unicast ones pass", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.0.10",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    // IPv4-compatible IPv6 (::/96, deprecated) is never a public address, whatever IPv4 it embeds.
    for (const a of ["::7f00:1", "::a9fe:a9fe", "::a00:1", "::808:808"]) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::"]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect(isPublicAddress(a), a).toBe(true);
  });

  it("refuses loopback, private and link-local addresses, and names resolving to them", async () => {
    const urls = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      "http://10.0.0.5/",
      "http://192.168.1.1/",
      "http://172.16.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      `http://[::1]:${port}/`,
    ];
    for (const url of urls) {
      const message = await refusal(httpRequest({ url }, strict));
      expect(message, url).toMatch(/private, loopback or link-local/);
    }
    // Nothing reached the server.
    expect(seen).toEqual([]);
  });

  it("refuses hosts that are not on the allowlist, and non-http URLs", async () => {
    expect(await refusal(httpRequest({ url: "http://example.com/" }, strict))).toMatch(
      /not on the workspace's HTTP allowlist/,
    );
    expect(await refusal(httpRequest({ url: "file:///etc/passwd" }, strict))).toMatch(/http or https/);
    expect(hostMatches("api.example.com", ["*.example.com"])).toBe(true);
    expect(hostMatches("evilexample.com", ["*.example.com"])).toBe(false);
  });

  it("sends the method, headers, body and bearer credential, and returns status and body", async () => {
    const res = await httpRequest(
      { method: "POST", url: `http://127.0.0.1:${port}/items`, headers: { "content-type": "text/plain" }, body: "hi" },
      { ...local, bearer: { secret: "tok_secret", binding: bound(["127.0.0.1"]) } },
    );
    expect(res).toMatchObject({ status: 201, contentType: "application/json", truncated: false });
    expect(JSON.parse(res.body)).toEqual({ method: "POST", body: "hi" });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/items", authorization: "Bearer tok_secret" });
  });

  it("checks every redirect hop again: a redirect to a private or loopback address is refused", async () => {
    for (const to of ["http://10.0.0.5/", "http://169.254.169.254/", `http://[::1]:${port}/`]) {
      const before = seen.length;
      const message = await refusal(
        httpRequest({ url: `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(to)}` }, local),
      );
      expect(message, to).toMatch(/private, loopback or link-local/);
      expect(seen.length).toBe(before + 1);
    }
    const offList = await refusal(
      httpRequest({ url: `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent("http://example.com/")}` }, local),
    );
    expect(offList).toMatch(/not on the workspace's HTTP allowlist/);
    // A Location that is no URL at all is a refusal of the call, not a crash of the step.
    const invalid = await refusal(
      httpRequest({ url: `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent("http://[bad")}` }, local),
    );
    expect(invalid).toMatch(/Redirected to an invalid URL/);
    const followed = await httpRequest({ url: `http://127.0.0.1:${port}/redirect?to=/done` }, local);
    expect(followed).toMatchObject({ status: 201, url: `http://127.0.0.1:${port}/done` });
  });

  it("caps the response size and the time", async () => {
    const big = await httpRequest({ url: `http://127.0.0.1:${port}/big` }, local);
    expect(big.body.length).toBe(1_000);
    expect(big.truncated).toBe(true);
    const message = await refusal(httpRequest({ url: `http://127.0.0.1:${port}/slow` }, { ...local, timeoutMs: 200 }));
    expect(message).toMatch(/timed out after 200 ms/);
  });

  it("sends a credential only to a host it is bound to, only over https, and no header follows a redirect elsewhere", async () => {
    const before = seen.length;
    // Bound elsewhere: refused before anything is sent.
    const elsewhere = await refusal(
      httpRequest(
        { url: `http://127.0.0.1:${port}/items` },
        { ...local, bearer: { secret: "tok_secret", binding: bound(["api.example.com"]) } },
      ),
    );
    expect(elsewhere).toMatch(/may only be sent to api\.example\.com, not 127\.0\.0\.1/);
    expect(seen.length).toBe(before);

    // Plain http to a public host: the credential would travel in clear text.
    const plain = await refusal(
      httpRequest(
        { url: "http://api.example.com/items" },
        { ...strict, allowlist: ["api.example.com"], bearer: { secret: "tok", binding: bound(["api.example.com"]) } },
      ),
    );
    expect(plain).toMatch(/only sent over https/);

    // A redirect to another host (here: the same server under another name) gets neither the bearer nor custom headers.
    const viaName = { ...local, allowlist: ["127.0.0.1", "localhost"], allowPrivate: () => true };
    await httpRequest(
      {
        url: `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(`http://localhost:${port}/landed`)}`,
        headers: { "x-api-key": "custom-secret" },
      },
      { ...viaName, bearer: { secret: "tok_secret", binding: bound(["127.0.0.1", "localhost"]) } },
    );
    const [first, landed] = seen.slice(-2);
    expect(first).toMatchObject({ authorization: "Bearer tok_secret", custom: "custom-secret" });
    expect(landed).toMatchObject({ url: "/landed" });
    expect(landed!.authorization).toBeUndefined();
    expect(landed!.custom).toBeUndefined();
  });

  it("keeps the credential out of the result when the host answers with it", async () => {
    const res = await httpRequest(
      { url: `http://127.0.0.1:${port}/echo` },
      { ...local, maxBytes: 10_000, bearer: { secret: "tok_echoed_secret", binding: bound(["127.0.0.1"]) } },
    );
    expect(seen.at(-1)?.authorization).toBe("Bearer tok_echoed_secret");
    expect(res.body).not.toContain("tok_echoed_secret");
    expect(JSON.parse(res.body).headers.authorization).toBe("Bearer [credential]");
  });

  it("checks the address it connects to, not an earlier answer: a name rebinding to loopback is refused", async () => {
    let answers = 0;
    setResolver(async () => [{ address: answers++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }]);
    try {
      const before = seen.length;
      const policy = { purpose: "tools", allowPrivate: false };
      expect(await resolveChecked("rebind.example", policy)).toHaveLength(1);
      const message = await refusal(
        httpRequest({ url: `http://rebind.example:${port}/` }, { ...strict, allowlist: ["rebind.example"] }),
      );
      expect(message).toMatch(/rebind\.example \(127\.0\.0\.1\) is a private, loopback or link-local/);
      expect(seen.length).toBe(before);
    } finally {
      setResolver(undefined);
    }
  });
});
