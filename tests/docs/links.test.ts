import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOC_PAGES, docsHref } from "@/lib/docs/pages";

describe("links between docs pages", () => {
  it("become /docs routes", () => {
    expect(docsHref("guides/first-workflow.md", "../api.md#streaming")).toBe("/docs/api#streaming");
    expect(docsHref("index.md", "guides/graphs.md")).toBe("/docs/guides/graphs");
    expect(docsHref("concepts.md", "index.md")).toBe("/docs");
    expect(docsHref("api.md", "https://example.com/x.md")).toBe("https://example.com/x.md");
  });

  it("every relative .md link in docs/ names a page the sidebar serves", () => {
    const routes = new Set(DOC_PAGES.map((p) => (p.slug ? `/docs/${p.slug}` : "/docs")));
    const broken: string[] = [];
    for (const page of DOC_PAGES) {
      const text = readFileSync(`docs/${page.file}`, "utf8");
      for (const m of text.matchAll(/\]\(([^)\s]+\.md(?:#[^)]*)?)\)/g)) {
        const route = docsHref(page.file, m[1]!).split("#")[0]!;
        if (!routes.has(route)) broken.push(`${page.file}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
