import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { POST as createAgentRoute } from "@/app/api/v1/agents/route";
import { PUT as putCrew } from "@/app/api/v1/workflows/[id]/crew/route";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { MAX_SIMULATED_CHARS, MAX_SIMULATED_SLOW_MS } from "@/lib/models/simulate-limits";
import { agentBody, fields, makeWorkflow } from "../agents/helpers";
import { apiRequest, call, makeUser } from "../support/factory";
import { create, createOk, runToEnd } from "../graph/helpers";

const oneNode = (systemPrompt: string) => ({
  name: "Sized",
  graph: {
    start: "a",
    nodes: [{ id: "a", role: "writer", systemPrompt }],
    edges: [{ from: "a", to: "END" }],
  },
});

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("simulate directives' limits", () => {
  it("a crew prompt past [[simulate:chars:N]]'s or [[simulate:slow:MS]]'s limit is refused, naming the field", async () => {
    const u = await makeUser("sim-crew");
    const chars = await create(u, {
      name: "Huge",
      crew: [
        { role: "planner", systemPrompt: "Plan." },
        { role: "writer", systemPrompt: "Write. [[simulate:chars:500000000]]" },
      ],
    });
    expect(chars.status).toBe(400);
    expect(chars.body.error.details).toContainEqual({
      field: "crew.1.systemPrompt",
      message: `[[simulate:chars:N]] takes at most ${MAX_SIMULATED_CHARS} characters`,
    });
    const slow = await create(u, {
      name: "Slow",
      crew: [{ role: "writer", systemPrompt: `[[simulate:slow:${MAX_SIMULATED_SLOW_MS + 1}]]` }],
    });
    expect(slow.status).toBe(400);
    expect(slow.body.error.details).toContainEqual({
      field: "crew.0.systemPrompt",
      message: `[[simulate:slow:MS]] takes at most ${MAX_SIMULATED_SLOW_MS} ms`,
    });
    expect(await db.workflow.count({ where: { workspaceId: u.workspaceId } })).toBe(0);

    // At the limits a crew saves; a new version past them is refused as well.
    const ok = await createOk(u, {
      name: "At the limits",
      crew: [{ role: "writer", systemPrompt: `[[simulate:chars:${MAX_SIMULATED_CHARS}]] [[simulate:slow:1]]` }],
    });
    const put = await call(
      putCrew,
      apiRequest(
        "PUT",
        `/api/v1/workflows/${ok}/crew`,
        { token: u.token },
        { crew: [{ role: "writer", systemPrompt: `[[simulate:chars:${MAX_SIMULATED_CHARS + 1}]]` }] },
      ),
      { id: ok },
    );
    expect(put.status).toBe(400);
    expect(put.body.error.details[0].field).toBe("crew.0.systemPrompt");
  });

  it("a graph node's prompt and an agent's goal past the limits are refused, naming the field", async () => {
    const u = await makeUser("sim-graph");
    const graph = await create(u, oneNode("[[simulate:chars:100001]]"));
    expect(graph.status).toBe(400);
    expect(graph.body.error.details[0].field).toBe("graph.nodes.0.systemPrompt");

    const workflow = await makeWorkflow(u);
    const agent = await call(
      createAgentRoute,
      apiRequest(
        "POST",
        "/api/v1/agents",
        { token: u.token },
        agentBody([workflow.id], { goal: "Digest the news. [[simulate:slow:86400000]]" }),
      ),
    );
    expect(agent.status).toBe(400);
    expect(fields(agent)).toEqual(["goal"]);
  });

  it("a directive that reaches the model through the run's input is capped: no answer past the limit", async () => {
    const u = await makeUser("sim-input");
    driver = await startDriver({ functions: runCrew, workspaces: [u.workspaceId], config: { pollMs: 50 } });
    const id = await createOk(u, oneNode("Answer the request: {{ input }}"));
    const run = await runToEnd(u, id, "[[simulate:chars:500000000]]");
    expect(run.status).toBe("completed");
    expect(run.steps[0].output).toHaveLength(MAX_SIMULATED_CHARS);
  });
});
