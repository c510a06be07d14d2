import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileProject } from "./compile-project";
import { readProjectDir } from "./project-dir";
import type { ProjectFiles } from "./types";

const SEED = path.resolve(import.meta.dirname, "../../tests/projects/fixtures/seed-004");

/* The seed's project as it prints it: registry.yml, skills/ and the resolve workflow's four steps. */

/**
 * The seed prints its registry in part: its ship step emits GoalShipped, which the printed
 * registry does not register, and an emitting step declares the typed output the event carries.
 * These two lines are all the printed project lacks.
 */
const GOAL_SHIPPED = "  GoalShipped: { fields: { summary: str } }\n";
function completed(files: ProjectFiles, extra = ""): ProjectFiles {
  files["registry.yml"] += GOAL_SHIPPED + extra;
  files["workflows/resolve/ship.md"] = files["workflows/resolve/ship.md"]!.replace(
    "emits: GoalShipped",
    "emits: GoalShipped\noutput: { summary: str }",
  );
  return files;
}

const TOOLS = `tools:
  open_pr: { mcp: github/create_pull_request, description: Open a pull request. }
  run_evals: { workflow: evals }
  merge_pr: { mcp: github/merge_pull_request }
  set_flags:
    description: Turn feature flags on or off.
    http:
      method: POST
      url: https://flags.example.com/api/flags/{{ flag }}
      headers: { Content-Type: application/json }
      body: '{ "on": {{ on }} }'
      credential: cred_flags
      params: { flag: str, on: bool }
`;

async function seed(): Promise<ProjectFiles> {
  return readProjectDir(SEED);
}

describe("the seed's project", () => {
  it("compiles as printed with warnings only: the event its ship step emits, which the printed registry leaves out, is one of them", async () => {
    const result = compileProject(await seed());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.stats).toEqual({ workflows: 1, steps: 4, events: 2 });
    const emits = result.warnings.filter((w) => w.file === "workflows/resolve/ship.md");
    expect(emits).toEqual([
      {
        file: "workflows/resolve/ship.md",
        line: 4,
        message:
          'emits: "GoalShipped" is not declared in the events: section of registry.yml; push refuses the project until it is (GoalShipped: { fields: { <field>: <type>, … } }, and an output: on this step with those fields)',
        refusesPush: true,
      },
    ]);
    // The rest: the undeclared tools and the missing provider, as below.
    expect(result.warnings.filter((w) => w.file === "registry.yml")).toHaveLength(6);
    // Declared, with the fields its output carries: the warning is gone.
    const declared = completed(await seed());
    const again = compileProject(declared);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.warnings.filter((w) => w.file === "workflows/resolve/ship.md")).toEqual([]);
  });

  it("compiles with warnings only: undeclared tools at their lines, the sandbox and harness without a provider", async () => {
    const files = completed(await seed());
    const result = compileProject(files);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.stats).toEqual({ workflows: 1, steps: 4, events: 3 });
    const tools = result.warnings.filter((w) => w.refusesPush);
    expect(tools.map((w) => [w.file, w.line, w.message.split(":")[0]])).toEqual([
      ["registry.yml", 7, "agents.Fixer.tools"],
      ["registry.yml", 8, "agents.Reviewer.tools"],
      ["registry.yml", 9, "agents.Releaser.tools"],
      ["registry.yml", 9, "agents.Releaser.tools"],
    ]);
    expect(tools[0]!.message).toMatch(/"open_pr" is not declared in the tools: section of registry\.yml; push refuses/);
    const others = result.warnings.filter((w) => !w.refusesPush);
    expect(others).toEqual([
      {
        file: "registry.yml",
        line: 4,
        message:
          "harness.runtime claude-code runs only inside a sandbox, and no sandbox provider is configured: agents Investigator, Fixer, Reviewer, Releaser run as Anthropic models with their tools",
      },
      {
        file: "registry.yml",
        line: 11,
        message:
          "sandboxes.default: no daytona sandbox provider is configured (add a daytona credential to the workspace, or set DAYTONA_API_KEY): agents Investigator, Fixer, Reviewer, Releaser need it, and their runs fail before any model is called until it is configured",
      },
    ]);
  });

  it("with a tools: section and a provider configured, compiles without warnings; agents' settings reach the nodes", async () => {
    const files = completed(await seed(), TOOLS);
    const result = compileProject(files, { sandboxProviders: ["daytona"] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    const resolve = result.project.workflows[0]!;
    const node = (id: string) => resolve.graph.nodes.find((n) => n.id === id)!;
    expect(node("arbitrate")).toMatchObject({ skills: ["code-review"], sandbox: "default", runtime: "claude-code" });
    // defaults.agent.harness.model is the workflow's model, which nodes without their own use.
    expect(resolve.model).toBe("claude-sonnet-4-6");
    expect(node("arbitrate").model).toBeUndefined();
    // harness.model is the agent's model.
    expect(node("fix")).toMatchObject({ model: "claude-opus-4-8", tools: ["open_pr"], skills: ["testing"] });
    expect(node("ship").tools).toEqual(["merge_pr", "set_flags"]);
    expect(result.project.tools.map((t) => [t.name, t.kind])).toEqual([
      ["merge_pr", "mcp"],
      ["open_pr", "mcp"],
      ["run_evals", "workflow"],
      ["set_flags", "http"],
    ]);
    expect(result.project.tools.find((t) => t.name === "set_flags")).toMatchObject({
      method: "POST",
      url: "https://flags.example.com/api/flags/{{ flag }}",
      credential: "cred_flags",
      params: { flag: "str", on: "bool" },
    });
    expect(result.project.sandboxes).toEqual([
      {
        name: "default",
        provider: "daytona",
        image: { debian_slim: "3.12", apt: ["git"] },
        network: ["github.com"],
        reuse: "run",
      },
    ]);
    // The version pins what its nodes use: the skills' text and files, the tools, the sandbox.
    expect(resolve.context.skills.map((s) => s.name)).toEqual(["code-review", "testing"]);
    expect(Object.keys(resolve.context.skills[0]!.files).sort()).toEqual([
      "skills/code-review/SKILL.md",
      "skills/code-review/checklist.md",
    ]);
    expect(resolve.context.skills[0]!.description).toMatch(/^Review a change/);
    expect(resolve.context.tools.map((t) => t.name)).toEqual(["merge_pr", "open_pr", "run_evals", "set_flags"]);
    expect(resolve.context.sandboxes.map((s) => s.name)).toEqual(["default"]);
  });

  it("warns at a step's line about a tool its header lists that the registry does not declare", async () => {
    const files = completed(await seed(), TOOLS);
    files["workflows/resolve/review.md"] = files["workflows/resolve/review.md"]!.replace(
      "agent: Reviewer",
      "agent: Reviewer\ntools: [run_evals, lint]",
    );
    const result = compileProject(files, { sandboxProviders: ["daytona"] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([
      expect.objectContaining({ file: "workflows/resolve/review.md", line: 4, refusesPush: true }),
    ]);
    expect(result.warnings[0]!.message).toMatch(/^tools: "lint" is not declared/);
  });

  it("compiles webhook and polling sensors", async () => {
    const files = completed(await seed());
    files["sensors/sentry.yml"] = [
      "webhook:",
      "  path: sentry",
      "  verify: sentry",
      "  secret: cred_sentry",
      "emits: Incident",
      "map:",
      "  source: sentry",
      '  issue_id: "{{ payload.data.issue.id }}"',
      '  title: "{{ payload.data.issue.title }}"',
      '  link: "{{ payload.data.issue.web_url }}"',
      "",
    ].join("\n");
    files["sensors/deps.yml"] = [
      "poll:",
      "  url: https://deps.example.com/changes",
      '  schedule: cron("0 * * * *")',
      "emits: WorkItem",
      'map: { link: "{{ payload.url }}", root_cause: "{{ payload.reason }}", proposed_goal: Upgrade it }',
      "",
    ].join("\n");
    const result = compileProject(files);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.sensors.map((s) => [s.name, s.kind, s.emits])).toEqual([
      ["deps", "poll", "WorkItem"],
      ["sentry", "webhook", "Incident"],
    ]);
    expect(result.project.sensors[1]).toMatchObject({ path: "sentry", verify: "sentry", secret: "cred_sentry" });
    expect(result.project.sensors[0]).toMatchObject({ schedule: "0 * * * *", url: "https://deps.example.com/changes" });
    expect(Object.keys(result.project.extraFiles).sort()).toEqual([
      "sensors/deps.yml",
      "sensors/sentry.yml",
      "skills/code-review/SKILL.md",
      "skills/code-review/checklist.md",
      "skills/testing/SKILL.md",
    ]);
  });
});
