import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { ARCHITECTURE_IDS } from "@/lib/graph/architectures";
import { main } from "@/lib/projects/cli/main";
import { compileProject } from "@/lib/projects/compile-project";
import { readProjectDir } from "@/lib/projects/project-dir";
import { makeUser, type TestUser } from "../support/factory";
import { createOk, runToEnd } from "./helpers";

let user: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("architectures");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

function io() {
  const out = { text: "", err: "" };
  return {
    out,
    io: { out: (t: string) => void (out.text += t), err: (t: string) => void (out.err += t), env: {}, tty: false },
  };
}

describe("the twelve architecture templates", () => {
  it("loopllama init --list lists all twelve", async () => {
    const { out, io: cliIo } = io();
    expect(await main(["init", "--list"], cliIo)).toBe(0);
    expect(
      out.text
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual([...ARCHITECTURE_IDS]);
  });

  it("loopllama init refuses an unknown template and a non-empty directory", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "loopllama-init-"));
    const first = io();
    expect(await main(["init", "--template", "nope", dir], first.io)).toBe(1);
    expect(first.out.err).toMatch(/No template "nope"; use one of react, plan-and-execute/);
    expect(await main(["init", "--template", "react", dir], io().io)).toBe(0);
    const again = io();
    expect(await main(["init", "--template", "debate", dir], again.io)).toBe(1);
    expect(again.out.err).toMatch(/not empty/);
  });

  it.each(ARCHITECTURE_IDS)(
    "%s: init writes a project that compiles, and its workflow runs to END locally",
    async (id) => {
      const dir = await mkdtemp(path.join(tmpdir(), `loopllama-${id}-`));
      const { out, io: cliIo } = io();
      expect(await main(["init", "--template", id, dir], cliIo), out.err).toBe(0);
      const files = await readProjectDir(dir);
      expect(files["README.md"]).toContain("## When to use it");
      expect(files["README.md"]).toContain("flowchart TD");
      const compiled = compileProject(files);
      expect(compiled.ok ? [] : compiled.errors).toEqual([]);
      if (!compiled.ok) return;
      expect(await main(["compile", dir], io().io)).toBe(0);
      const [workflow] = compiled.project.workflows;
      const workflowId = await createOk(user, { name: workflow!.name, model: workflow!.model, graph: workflow!.graph });
      const run = await runToEnd(user, workflowId, "Should we move our status page to a new provider this quarter?");
      expect(run.status, run.error ?? "").toBe("completed");
      const last = run.visited.at(-1) as string;
      const edges = workflow!.graph.edges.filter((e) => e.from === last);
      expect(
        edges.some((e) => e.to === "END"),
        `${id} ended at ${last}`,
      ).toBe(true);
    },
  );
});
