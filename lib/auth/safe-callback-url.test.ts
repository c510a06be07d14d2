import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/invite/abc?x=1")).toBe("/invite/abc?x=1");
    expect(safeCallbackUrl(["/w/acme", "/other"])).toBe("/w/acme");
    expect(safeCallbackUrl("/w/acme/runs?status=failed#top")).toBe("/w/acme/runs?status=failed#top");
    expect(safeCallbackUrl("/w/caf%C3%A9")).toBe("/w/caf%C3%A9");
  });

  it("refuses other origins and odd values", () => {
    expect(safeCallbackUrl("https://evil.example/")).toBe("/");
    expect(safeCallbackUrl("//evil.example/")).toBe("/");
    expect(safeCallbackUrl("/\\evil.example")).toBe("/");
    expect(safeCallbackUrl("javascript:alert(1)", "/home")).toBe("/home");
    expect(safeCallbackUrl(undefined, "/home")).toBe("/home");
  });

  it("refuses control characters that a browser drops to make //host", () => {
    for (const value of ["/%09/evil.example", "/\t/evil.example", "/%0a/evil.example", "/%0D%0A/evil.example"]) {
      expect(safeCallbackUrl(value), value).toBe("/");
    }
    expect(safeCallbackUrl("/ok%00")).toBe("/");
    expect(safeCallbackUrl("/ok\u007f")).toBe("/");
  });

  it("refuses encoded slashes and backslashes, once or twice encoded", () => {
    for (const value of [
      "/%2fevil.example",
      "/%2F%2Fevil.example",
      "/%5cevil.example",
      "/%5Cevil.example",
      "/%252fevil.example",
      "/%255cevil.example",
      "/w/%5c",
      "/\\\\evil.example",
    ]) {
      expect(safeCallbackUrl(value), value).toBe("/");
    }
  });

  it("refuses malformed escapes and paths that resolve elsewhere", () => {
    expect(safeCallbackUrl("/%E0%A4%A")).toBe("/");
    expect(safeCallbackUrl("/../..//evil.example")).toBe("/");
  });
});
