import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Every variable lib/env/index.ts reads has a row in docs/configuration.md, with a default. */
describe("docs/configuration.md", () => {
  it("lists every variable of lib/env/index.ts with its default", () => {
    const source = readFileSync("lib/env/index.ts", "utf8");
    const schema = source.slice(source.indexOf("z.object({"), source.indexOf("});"));
    const vars = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(vars.length).toBeGreaterThan(40);
    const rows = readFileSync("docs/configuration.md", "utf8")
      .split("\n")
      .filter((l) => l.startsWith("| `"))
      .map((l) => l.split("|").map((c) => c.trim()));
    const missing = vars.filter((v) => !rows.some((cells) => cells[1]!.includes(`\`${v}\``) && cells[2]!.length > 0));
    expect(missing, "variables without a row and a default in docs/configuration.md").toEqual([]);
  });
});
