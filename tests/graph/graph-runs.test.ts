import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { runResponseSchema } from "@/lib/runs/response-schemas";
import { makeUser, type TestUser } from "../support/factory";
import { createOk, runToEnd, triage } from "./helpers";

let user: TestUser;
let driver: Driver;

beforeAll(async () => {
  user = await makeUser("graph");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

describe("graph runs", () => {
  it("seed 002's triage takes the billing branch, then the tech branch (case and spaces ignored)", async () => {
    const billing = await createOk(user, triage("Reply 'billing' or 'tech'. [[simulate:reply:billing]]"));
    const run = await runToEnd(user, billing, "My card was charged twice.");
    expect(run.status).toBe("completed");
    expect(run.visited).toEqual(["classify", "billing"]);
    expect(run.steps.map((s: { nodeId: string; visit: number }) => [s.nodeId, s.visit])).toEqual([
      ["classify", 1],
      ["billing", 1],
    ]);
    expect(run.steps[0].model).toBe("claude-haiku-4-5");
    expect(run.output).toBe(run.steps[1].output);
    expect(run.stepCount).toBe(2);
    runResponseSchema.parse(run);

    const tech = await createOk(user, triage("Reply 'billing' or 'tech'. [[simulate:reply:  TECH ]]"));
    const other = await runToEnd(user, tech, "The app crashes on start.");
    expect(other.status).toBe("completed");
    expect(other.visited).toEqual(["classify", "tech"]);
  });

  it("an answer no edge matches, with no default, fails the run naming the node and its output", async () => {
    const id = await createOk(user, triage("Reply 'billing' or 'tech'. [[simulate:reply:sales]]"));
    const run = await runToEnd(user, id, "Can I get a discount?");
    expect(run.status).toBe("failed");
    expect(run.error).toContain('Node "classify" answered "sales"');
    expect(run.errorCode).toBe("no_matching_edge");
  });

  it("a default edge takes an unmatched answer", async () => {
    const body = triage("[[simulate:reply:sales]]");
    body.graph.edges.push({ from: "classify", to: "tech" } as never);
    const run = await runToEnd(user, await createOk(user, body), "Hello");
    expect(run.visited).toEqual(["classify", "tech"]);
  });

  /** Seed 001's refinement loop: A → B → classify → C | D | END, C and D back to B. */
  function loop(answer: string, caps: { maxSteps?: number; maxVisitsPerNode?: number } = {}) {
    return {
      name: "Refinement loop",
      graph: {
        start: "a",
        nodes: [
          { id: "a", role: "drafter", systemPrompt: "Draft." },
          { id: "b", role: "editor", systemPrompt: "Edit." },
          { id: "classify", role: "judge", systemPrompt: `Reply c, d or done. [[simulate:reply:${answer}]]` },
          { id: "c", role: "expander", systemPrompt: "Expand." },
          { id: "d", role: "trimmer", systemPrompt: "Trim." },
        ],
        edges: [
          { from: "a", to: "b" },
          { from: "b", to: "classify" },
          { from: "classify", to: "c", when: "c" },
          { from: "classify", to: "d", when: "d" },
          { from: "classify", to: "END", when: "done" },
          { from: "c", to: "b" },
          { from: "d", to: "b" },
        ],
        ...caps,
      },
    };
  }

  it("the refinement loop ends at END when the judge says done", async () => {
    const run = await runToEnd(user, await createOk(user, loop("done")), "Write a haiku.");
    expect(run.status).toBe("completed");
    expect(run.visited).toEqual(["a", "b", "classify"]);
    expect(run.output).toBe("done");
  });

  it("a loop that never takes the way out fails at maxVisitsPerNode, naming the node and the cap", async () => {
    const run = await runToEnd(user, await createOk(user, loop("c", { maxVisitsPerNode: 3 })), "Write a haiku.");
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("cap_exceeded");
    expect(run.error).toContain('Node "b" hit the cap maxVisitsPerNode (3');
    expect(run.visited).toEqual(["a", "b", "classify", "c", "b", "classify", "c", "b", "classify", "c"]);
    const visits = run.steps.filter((s: { nodeId: string }) => s.nodeId === "b").map((s: { visit: number }) => s.visit);
    expect(visits).toEqual([1, 2, 3]);
  });

  it("and at maxSteps when that comes first", async () => {
    const run = await runToEnd(user, await createOk(user, loop("d", { maxSteps: 6 })), "Write a haiku.");
    expect(run.status).toBe("failed");
    expect(run.error).toContain("hit the cap maxSteps (6");
    expect(run.errorCode).toBe("cap_exceeded");
    expect(run.steps).toHaveLength(6);
    expect(run.stepCount).toBe(6);
  });

  it("fans three researchers out in parallel and joins them in one writer", async () => {
    const id = await createOk(user, {
      name: "Parallel research",
      parallel: {
        branches: [
          { id: "market", role: "market researcher", systemPrompt: "Research the market." },
          { id: "tech", role: "tech researcher", systemPrompt: "Research the technology." },
          { id: "law", role: "legal researcher", systemPrompt: "Research the law." },
        ],
        merge: { id: "writer", role: "writer", systemPrompt: "Merge the research into one brief." },
      },
    });
    const run = await runToEnd(user, id, "Should we build a tea robot?");
    expect(run.status).toBe("completed");
    expect(run.visited[0]).toBe("fan-out");
    expect(new Set(run.visited.slice(1, 4))).toEqual(new Set(["market", "tech", "law"]));
    expect(run.visited[4]).toBe("writer");
    const branchOf = Object.fromEntries(
      run.steps.map((s: { nodeId: string; branch: string | null }) => [s.nodeId, s.branch]),
    );
    expect(branchOf).toEqual({ "fan-out": null, market: "market", tech: "tech", law: "law", writer: null });

    const { GET: getRun } = await import("@/app/api/v1/runs/[id]/route");
    const { apiRequest, call } = await import("../support/factory");
    const full = await call(getRun, apiRequest("GET", `/api/v1/runs/${run.id}?include=inputs`, { token: user.token }), {
      id: run.id,
    });
    const writerInput = full.body.steps[4].input.messages[0].content as string;
    for (const role of ["market researcher", "tech researcher", "legal researcher"]) {
      expect(writerInput).toContain(`(${role})`);
    }
  });

  it("parallel branches ending together make the output, each framed by role", async () => {
    const id = await createOk(user, {
      name: "Two ends",
      graph: {
        start: "s",
        nodes: [
          { id: "s", role: "splitter", systemPrompt: "Split. [[simulate:reply:go]]" },
          { id: "x", role: "poet", systemPrompt: "[[simulate:reply:roses]]" },
          { id: "y", role: "critic", systemPrompt: "[[simulate:reply:thorns]]" },
        ],
        edges: [
          { from: "s", to: "x" },
          { from: "s", to: "y" },
          { from: "x", to: "END" },
          { from: "y", to: "END" },
        ],
      },
    });
    const run = await runToEnd(user, id, "Go");
    expect(run.output).toBe("## poet\nroses\n\n## critic\nthorns");
  });

  it("typed outputs: valid values, read by a later prompt's template and routed on by field", async () => {
    const id = await createOk(user, {
      name: "Incident",
      graph: {
        start: "investigate",
        nodes: [
          {
            id: "investigate",
            role: "investigator",
            systemPrompt: "Find the root cause.",
            output: { root_cause: "str", severity: "enum[high, low]" },
          },
          { id: "page", role: "pager", systemPrompt: "Page about {{ investigate.root_cause }} for: {{ input }}" },
          { id: "log", role: "logger", systemPrompt: "Log it." },
        ],
        edges: [
          { from: "investigate", to: "page", when: { field: "severity", equals: "high" } },
          { from: "investigate", to: "log" },
          { from: "page", to: "END" },
          { from: "log", to: "END" },
        ],
      },
    });
    // The local model sets a routed field to the edge value the input mentions.
    const run = await runToEnd(user, id, "The site is down: high severity");
    expect(run.status).toBe("completed");
    expect(run.visited).toEqual(["investigate", "page"]);
    expect(run.steps[0].data).toEqual({ root_cause: "root_cause: investigator", severity: "high" });
    expect(JSON.parse(run.steps[0].output)).toEqual(run.steps[0].data);

    const { GET: getRun } = await import("@/app/api/v1/runs/[id]/route");
    const { apiRequest, call } = await import("../support/factory");
    const full = await call(getRun, apiRequest("GET", `/api/v1/runs/${run.id}?include=inputs`, { token: user.token }), {
      id: run.id,
    });
    expect(full.body.steps[1].input.system).toBe(
      "Page about root_cause: investigator for: The site is down: high severity",
    );
  });

  it("a typed answer still invalid after the repair attempt fails the step naming the field", async () => {
    const id = await createOk(user, {
      name: "Bad typed",
      graph: {
        start: "rate",
        nodes: [
          {
            id: "rate",
            role: "rater",
            systemPrompt: 'Rate. [[simulate:reply:{"score": "high"}]]',
            output: { score: "int" },
          },
        ],
        edges: [{ from: "rate", to: "END" }],
      },
    });
    const run = await runToEnd(user, id, "Rate this");
    expect(run.status).toBe("failed");
    expect(run.error).toContain('field "score" is invalid');
  });

  it("crew workflows run as before: agent-N nodes, visit 1, no branch, no data", async () => {
    const id = await createOk(user, {
      name: "Crew",
      crew: [
        { role: "planner", systemPrompt: "Plan." },
        { role: "writer", systemPrompt: "Write." },
      ],
    });
    const run = await runToEnd(user, id, "Tea");
    expect(run.status).toBe("completed");
    expect(run.visited).toEqual(["agent-1", "agent-2"]);
    expect(
      run.steps.map((s: { nodeId: string; visit: number; branch: null; data: null }) => [
        s.nodeId,
        s.visit,
        s.branch,
        s.data,
      ]),
    ).toEqual([
      ["agent-1", 1, null, null],
      ["agent-2", 1, null, null],
    ]);
    expect(run.stepCount).toBe(2);
  });

  it("a cancel request stops the run at the next visit boundary", async () => {
    const { POST: cancel } = await import("@/app/api/v1/runs/[id]/cancel/route");
    const { POST: createRun } = await import("@/app/api/v1/workflows/[id]/runs/route");
    const { apiRequest, call } = await import("../support/factory");
    const { db } = await import("@/lib/db/client");
    const { waitFor, waitForRun } = await import("../support/runs");
    const id = await createOk(user, {
      name: "Cancel me",
      chain: [
        { id: "first", role: "drafter", systemPrompt: "Draft." },
        { id: "slow", role: "editor", systemPrompt: "Edit. [[simulate:slow:1500]]" },
        { id: "last", role: "writer", systemPrompt: "Write." },
      ],
    });
    const started = await call(
      createRun,
      apiRequest("POST", `/api/v1/workflows/${id}/runs`, { token: user.token }, { input: "Go" }),
      { id },
    );
    const runId = started.body.id as string;
    await waitFor(() => db.step.findFirst({ where: { runId, nodeId: "slow", status: "running" } }));
    const res = await call(cancel, apiRequest("POST", `/api/v1/runs/${runId}/cancel`, { token: user.token }), {
      id: runId,
    });
    expect(res.status).toBeLessThan(300);
    const done = await waitForRun(runId);
    expect(done.status).toBe("cancelled");
    expect(done.steps.map((s) => s.nodeId)).toEqual(["first", "slow"]);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).visited).toEqual(["first", "slow"]);
  });
});
