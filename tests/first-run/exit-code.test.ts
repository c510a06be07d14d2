import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs a script that loads the embedded database module, then leaves with `process.exitCode`. */
function exitCodeOf(code: number) {
  const script = `import "./lib/db/embedded-postgres.ts"; process.exitCode = ${code};`;
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--eval", script], { cwd: root, encoding: "utf8" })
    .status;
}

describe("processes that load the embedded database", () => {
  // embedded-postgres's exit hook ends the process with 0 once the event loop empties;
  // `npm test` and the scripts must still fail when they recorded a failure.
  it("keep a failing exit code", () => {
    expect(exitCodeOf(1)).toBe(1);
    expect(exitCodeOf(3)).toBe(3);
  });

  it("still exit 0 when nothing failed", () => {
    expect(exitCodeOf(0)).toBe(0);
  });
});
