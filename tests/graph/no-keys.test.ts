import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_TEMPLATES, templateGraph } from "@/components/workflows/graph-editor/templates";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { makeUser, type TestUser } from "../support/factory";
import { createOk, runToEnd } from "./helpers";
import { answerAs, finished, runWhen, startRun, type RunBody } from "../approvals/helpers";

let user: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("nokeys");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

interface Step {
  nodeId: string;
  output: string | null;
}

/** The graphs guide (docs/guides/graphs.md) up to its editor section: every workflow its curl examples create. */
function readmeGraphExamples(): { name: string; body: Record<string, unknown> }[] {
  const guide = readFileSync("docs/guides/graphs.md", "utf8");
  const section = guide.slice(0, guide.indexOf("## Editing a graph in the browser"));
  return [...section.matchAll(/\$LL\/api\/v1\/workflows -H[^\n]*-d '(\{[\s\S]*?\})'/g)].map((m) => {
    const body = JSON.parse(m[1]!) as Record<string, unknown>;
    return { name: body.name as string, body };
  });
}

/** Runs a graph with an approval node to its end, approving when it waits (as a person would). */
async function approvedToEnd(workflowId: string, input: string) {
  const runId = await startRun(user, workflowId, input);
  const waiting = await runWhen(user, runId, (r) => r.status === "waiting");
  const step = (waiting as RunBody).steps.find((s) => s.status === "waiting")!;
  const answered = await answerAs({ token: user.token }, runId, { decision: "approved" }, step.nodeId!);
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  return runWhen(user, runId, finished);
}

describe("with no model keys, on the local model", () => {
  it.each(GRAPH_TEMPLATES.map((t) => [t.label, t.id] as const))(
    "the %s template runs to the end",
    async (label, id) => {
      const wf = await createOk(user, { name: `Template ${label}`, graph: templateGraph(id) });
      const input = "Our billing page double-charges customers; write up what to do.";
      const run = id === "approval" ? await approvedToEnd(wf, input) : await runToEnd(user, wf, input);
      expect(run.status, run.error).toBe("completed");
      expect(run.errorCode).toBeNull();
      if (id === "route") {
        expect(run.visited).toEqual(["classify", "billing"]);
        expect(run.steps[0].output).toBe(
          "[simulated claude-sonnet-4-6: chose from the edges' labels (the input mentions it)] billing",
        );
      }
      if (id === "loop") {
        // It loops once (a way back on classify's first visit), then leaves on the second.
        expect(run.visited.filter((n: string) => n === "classify")).toHaveLength(2);
        expect(run.visited[3]).toMatch(/^(fact-check|restyle)$/);
        expect(run.visited.slice(4)).toEqual(["refine", "classify"]);
        const classify = run.steps.filter((s: Step) => s.nodeId === "classify");
        expect(classify[1].output).toContain("the default edge to END (visit 2, the way out)");
      }
    },
  );

  it("the graphs guide's examples run as written, the refine loop going round once", async () => {
    const examples = readmeGraphExamples();
    expect(examples.map((e) => e.name)).toEqual(["Support triage", "Refine", "Research", "Incident"]);
    const visited: Record<string, string[]> = {};
    for (const { name, body } of examples) {
      const run = await runToEnd(user, await createOk(user, body), "My card was charged twice.");
      expect(run.status, `${name}: ${run.error}`).toBe("completed");
      visited[name] = run.visited;
    }
    // The guide says: … once completed: "visited": ["classify", "billing"]
    expect(visited["Support triage"]).toEqual(["classify", "billing"]);
    expect(visited["Refine"]).toEqual(["a", "b", "judge", expect.stringMatching(/^[cd]$/), "b", "judge"]);
  });
});
