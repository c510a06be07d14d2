import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// npm's own range logic (semver, installed with the dev tools), typed for the two calls used here.
const semver = createRequire(import.meta.url)("semver") as {
  subset: (sub: string, dom: string) => boolean;
};

interface LockEntry {
  version?: string;
  dev?: boolean;
  os?: string[];
  cpu?: string[];
  engines?: { node?: string };
}

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockEntry>;
};
const nvmrc = readFileSync(path.join(root, ".nvmrc"), "utf8").trim();

/** Whether npm installs the entry on this machine (it skips other platforms' binaries). */
function installsHere(entry: LockEntry): boolean {
  const fits = (list: string[] | undefined, value: string) =>
    !list || list.some((v) => (v.startsWith("!") ? v.slice(1) !== value : v === value));
  return fits(entry.os, process.platform) && fits(entry.cpu, process.arch);
}

/** Packages installed here whose declared Node range does not cover all of `range`: npm warns EBADENGINE for them. */
function refusing(range: string, include: (entry: LockEntry) => boolean): string[] {
  return Object.entries(lock.packages)
    .filter(([name, entry]) => name !== "" && entry.engines?.node && installsHere(entry) && include(entry))
    .filter(([, entry]) => !semver.subset(range, entry.engines!.node!))
    .map(
      ([name, entry]) => `${name.replace(/^.*node_modules\//, "")}@${entry.version} wants node ${entry.engines!.node}`,
    );
}

describe("the Node version", () => {
  it("is Node 24 LTS in .nvmrc, and the engines range admits it", () => {
    expect(nvmrc).toBe("24");
    expect(pkg.engines.node).toBe(">=22.12");
    expect(semver.subset(nvmrc, pkg.engines.node)).toBe(true);
    // The lockfile's copy of the range is the one `npm ci` reads.
    expect(lock.packages[""]!.engines).toEqual(pkg.engines);
  });

  it("on Node 24, every installed package accepts it: a clean install prints no EBADENGINE", () => {
    expect(refusing(nvmrc, () => true)).toEqual([]);
  });

  it("on the oldest Node the engines range admits, no package the app itself needs refuses it", () => {
    expect(refusing(pkg.engines.node, (entry) => !entry.dev)).toEqual([]);
  });
});
