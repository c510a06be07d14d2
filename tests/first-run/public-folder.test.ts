import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { metadata } from "@/app/layout";

describe("the public/ folder", () => {
  it("holds the app icon the layout links to", () => {
    expect(existsSync("public/icon.svg")).toBe(true);
    const svg = readFileSync("public/icon.svg", "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(metadata.icons).toEqual({ icon: { url: "/icon.svg", type: "image/svg+xml" } });
    // Only one icon: Next would add app/icon.* as a second one.
    expect(existsSync("app/icon.svg")).toBe(false);
  });

  it("has a robots.txt that keeps crawlers out of workspaces, invite links and the API", () => {
    const robots = readFileSync("public/robots.txt", "utf8");
    expect(robots).toMatch(/^User-agent: \*$/m);
    for (const path of ["/w/", "/invite/", "/api/"]) expect(robots).toMatch(new RegExp(`^Disallow: ${path}$`, "m"));
    expect(robots).not.toMatch(/^Disallow: \/$/m);
  });
});
