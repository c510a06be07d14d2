import { describe, expect, it } from "vitest";
import { POST as rollback } from "@/app/api/v1/agents/[id]/reflections/[rid]/rollback/route";
import { GET as reflections } from "@/app/api/v1/agents/[id]/reflections/route";
import { applyReflection } from "@/lib/agents/apply-reflection";
import { reflectionResponseSchema } from "@/lib/agents/response-schemas";
import { localReflectionResponder } from "@/lib/agents/local-reflection-responder";
import { parseReflection } from "@/lib/agents/parse-reflection";
import { buildReflectionPrompt } from "@/lib/agents/reflection-prompt";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { agentBody, makeAgent } from "../agents/helpers";
import { apiRequest, call, makeUser } from "../support/factory";
import { createOk, triage } from "./helpers";

const fence = (v: unknown) => "```agent-reflect\n" + JSON.stringify(v) + "\n```";

async function setup(label: string) {
  const u = await makeUser(label);
  const workflowId = await createOk(u, triage("Reply billing or tech."));
  const agent = await makeAgent(u, agentBody([workflowId]));
  return { u, workflowId, agent, scope: scopeFor(u.workspaceId) };
}

async function currentGraph(workflowId: string) {
  const wf = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
  const v = await db.workflowVersion.findFirstOrThrow({ where: { workflowId, version: wf.currentVersion } });
  return { version: wf.currentVersion, graph: storedGraph(v.graph)!, crew: v.crew };
}

describe("reflection on graph workflows", () => {
  it("shows nodes, edges and per-node outcomes in the prompt", () => {
    const graph = { ...triage("x").graph, maxSteps: 50, maxVisitsPerNode: 5 };
    const prompt = buildReflectionPrompt({
      goal: "Answer customers",
      workflow: { id: "w", name: "Triage", version: 1, crew: null, graph },
      run: { id: "r", status: "failed", input: "Hi", output: null, error: "boom" },
      steps: [
        { index: 0, role: "classifier", nodeId: "classify", status: "completed", error: null, output: "billing" },
        { index: 1, role: "billing agent", nodeId: "billing", status: "failed", error: "boom", output: null },
      ],
    });
    const content = prompt.messages[0]!.content;
    const context = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(content)![1]!);
    expect(context.workflow.nodes.map((n: { id: string }) => n.id)).toEqual(["classify", "billing", "tech"]);
    expect(context.workflow.edges).toHaveLength(4);
    expect(context.workflow.crew).toBeUndefined();
    expect(context.outcomes).toEqual([
      { index: 0, node: "classify", role: "classifier", outcome: "success" },
      { index: 1, node: "billing", role: "billing agent", outcome: "error", error: "boom" },
    ]);
    expect(prompt.system).toContain('"nodes"');

    // The local responder's [[reflect:modify]] puts a reviewer before END.
    const answer = localReflectionResponder.respond({
      model: "m",
      system: prompt.system,
      messages: [
        { role: "user", content: content.replaceAll("Answer customers", "Answer customers [[reflect:modify]]") },
      ],
    });
    const parsed = parseReflection(answer!);
    expect(parsed.verdict).toBe("modify");
    const patch = parsed.patch as { nodes: { id: string }[]; edges: { from: string; to: string }[] };
    expect(patch.nodes.at(-1)!.id).toBe("reviewer");
    expect(patch.edges.filter((e) => e.to === "END")).toEqual([{ from: "reviewer", to: "END" }]);
  });

  it("saves a valid graph patch as a new version (start = first node, caps kept) and rolls it back", async () => {
    const { u, workflowId, agent, scope } = await setup("rg-modify");
    const patch = {
      nodes: [
        // A reflection rewrites prompts and edges; the node keeps its model.
        { id: "classify", role: "classifier", systemPrompt: "Reply billing or tech.", model: "claude-haiku-4-5" },
        { id: "billing", role: "billing agent", systemPrompt: "Handle billing." },
      ],
      edges: [
        { from: "classify", to: "billing", when: "billing" },
        { from: "classify", to: "END" },
        { from: "billing", to: "END" },
      ],
    };
    const parsed = parseReflection(fence({ verdict: "modify", reason: "Tech is never asked.", patch }));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId, parsed });
    expect(row).toMatchObject({ verdict: "modify", rolledBack: false });
    const now = await currentGraph(workflowId);
    expect(now.version).toBe(2);
    expect(now.crew).toBeNull();
    expect(now.graph).toMatchObject({ start: "classify", maxSteps: 50, maxVisitsPerNode: 5 });
    expect(now.graph.nodes.map((n) => n.id)).toEqual(["classify", "billing"]);

    const list = await call(
      reflections,
      apiRequest("GET", `/api/v1/agents/${agent.id}/reflections`, { token: u.token }),
      { id: agent.id },
    );
    expect(list.status).toBe(200);
    const shown = list.body.data[0];
    expect(shown.from.crew).toBeNull();
    expect(shown.to.graph.nodes).toHaveLength(2);
    // Each node's model is the object the answer's schema states, as in the workflow's own answers.
    expect(shown.to.graph.nodes[0].model).toEqual({ provider: "anthropic", model: "claude-haiku-4-5" });
    expect(reflectionResponseSchema.safeParse(shown).error).toBeUndefined();
    const back = await call(
      rollback,
      apiRequest("POST", `/api/v1/agents/${agent.id}/reflections/${row.id}/rollback`, { token: u.token }),
      { id: agent.id, rid: row.id },
    );
    expect(back.status).toBe(201);
    const after = await currentGraph(workflowId);
    expect(after.version).toBe(3);
    expect(after.graph.nodes.map((n) => n.id)).toEqual(["classify", "billing", "tech"]);
  });

  it.each([
    ["no nodes", { edges: [] }, /no nodes/],
    ["empty nodes", { nodes: [], edges: [] }, /no nodes/],
    ["no edges", { nodes: [{ id: "a", role: "a", systemPrompt: "A." }] }, /no edges/],
    ["a crew patch", { agents: [{ role: "a", systemPrompt: "A." }] }, /crew patch cannot replace a graph/],
    [
      "an edge to an unknown node",
      { nodes: [{ id: "a", role: "a", systemPrompt: "A." }], edges: [{ from: "a", to: "ghost" }] },
      /malformed at edges\.0\.to/,
    ],
  ])("downgrades a malformed graph patch (%s) to ok and leaves the graph alone", async (_label, patch, reason) => {
    const { workflowId, agent, scope } = await setup("rg-bad");
    const parsed = parseReflection(fence({ verdict: "modify", reason: "change", patch }));
    const row = await applyReflection(scope, { agentId: agent.id, workflowId, parsed });
    expect(row.verdict).toBe("ok");
    expect(row.reason).toMatch(reason);
    expect((await currentGraph(workflowId)).version).toBe(1);
  });
});
