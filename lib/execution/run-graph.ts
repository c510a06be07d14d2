import "server-only";
import { emitStepOutput } from "@/lib/events/emit-step-output";
import { isApprovalNode } from "@/lib/graph/approval";
import type { FinishOptions } from "@/lib/runs/finish-run";
import type { DecidedBy } from "@/lib/telemetry/record-step-span";
import { writesMemory } from "@/lib/graph/memory-mode";
import { LOAD_SKILL_TOOL, REMEMBER_TOOL_NAME, SANDBOX_TOOLS } from "@/lib/tools/tool-names";
import { END } from "@/lib/workflows/graph/types";
import { isReusedStep } from "@/lib/runs/forks/is-reused-step";
import type { Execution } from "./execution";
import { runApproval } from "./run-approval";
import type { RunnableGraph } from "./start-run";
import { runWithTools } from "./tool-loop";
import { walkGraph } from "./walk-graph";

/**
 * Who picks where the run goes after a node: a model's answer among labelled
 * edges, or the graph (its edges, conditions on typed fields); nobody when
 * the node only ends the run.
 */
function decidedBy(graph: RunnableGraph, nodeId: string): { decidedBy?: DecidedBy } {
  const out = graph.edges.filter((e) => e.from === nodeId);
  if (out.every((e) => e.to === END && e.when === undefined)) return {};
  return { decidedBy: out.some((e) => typeof e.when === "string") ? "model" : "graph" };
}

/**
 * A graph run: one durable step per node visit, ids from the node and its
 * visit number (`visit-<node>-<n>`, tool calls and later turns after it), the
 * visits ready together in parallel. A node that `emits` puts its typed output
 * on the bus once, as its own durable step (`emit-<node>-<n>`). Returns how the
 * run finishes: its end steps, or the cap or dead end that failed it.
 */
export async function runGraph(ex: Execution, graph: RunnableGraph): Promise<FinishOptions> {
  const routes = new Set(graph.edges.filter((e) => e.when !== undefined).map((e) => e.from));
  const walked = await walkGraph(graph, async (plan) => {
    const node = graph.nodes.find((n) => n.id === plan.nodeId)!;
    if (isApprovalNode(node)) return runApproval(ex, node, plan);
    // A node with skills gets load_skill beside its own tools, one that writes memory gets remember,
    // and one with a sandbox the tools run in it.
    const skills = node.skills ?? [];
    const tools = [
      ...(node.tools ?? []),
      ...(skills.length ? [LOAD_SKILL_TOOL] : []),
      ...(writesMemory(node.memory) ? [REMEMBER_TOOL_NAME] : []),
      ...(node.sandbox ? SANDBOX_TOOLS : []),
    ];
    const outcome = await runWithTools(ex, {
      id: `visit-${plan.nodeId}-${plan.visit}`,
      position: plan.index,
      options: {
        output: node.output,
        returnOutput: routes.has(plan.nodeId),
        tools,
        skills,
        ...(node.sandbox ? { sandbox: node.sandbox } : {}),
        ...(node.sandbox && node.runtime === "claude-code" ? { runtime: "claude-code" as const } : {}),
      },
      listed: {
        tools,
        credentials: node.credentials ?? [],
        skills,
        ...(node.sandbox ? { sandbox: node.sandbox } : {}),
      },
      visit: { node, plan, graph },
      ...decidedBy(graph, plan.nodeId),
    });
    if (node.emits && outcome.status === "completed") {
      // A fork's reused step emitted its event in the original run.
      await ex.step.run(`emit-${plan.nodeId}-${plan.visit}`, async () =>
        (await isReusedStep(ex, plan.index)) ? null : emitStepOutput(ex.scope, ex.runId, plan.index, node.emits!),
      );
    }
    return outcome;
  });
  return {
    graph: true,
    ...(walked.status === "completed" ? { endSteps: walked.endSteps } : {}),
    ...(walked.status === "failed" ? { failWith: walked.error, errorCode: walked.code } : {}),
  };
}
