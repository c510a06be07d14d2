import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { eventTemplateValue } from "@/lib/events/event-template-value";
import { readsMemory, writesMemory } from "@/lib/graph/memory-mode";
import { withTone } from "@/lib/graph/tone";
import { recallMemories, recalledSection } from "@/lib/memory/recall-memories";
import { rememberStep } from "@/lib/memory/remember";
import { renderTemplates, templatesOf } from "@/lib/workflows/graph/analysis";
import { routeInstruction } from "@/lib/models/route-labels";
import { routeLabelsOf } from "@/lib/workflows/graph/route-labels-of";
import type { Graph, GraphNode } from "@/lib/workflows/graph/types";
import type { InputRecipe } from "@/lib/runs/transcript";
import { executeStep, type ExecuteStepOptions, type StepOutcome } from "./execute-step";
import type { RunRef } from "./execution";
import type { VisitPlan } from "./walk-graph";

/** A graph node with its model resolved (the node's, or the workflow's default). */
export type RunnableNode = GraphNode & { model: string };

/** One visit of a node, as the walk planned it, with the edges that tell the node its labels. */
export interface GraphVisit {
  node: RunnableNode;
  plan: VisitPlan;
  graph: Pick<Graph, "edges" | "maxVisitsPerNode" | "responseTone">;
}

/**
 * The system prompt with its templates filled from the run: `{{ input }}`, `{{ event.field }}`,
 * `{{ node.output }}` and `{{ node.field }}` take the latest completed visit
 * of that node (saving checked that it has run).
 */
export async function renderPrompt(scope: Scope, runId: string, prompt: string): Promise<string> {
  if (templatesOf(prompt).length === 0) return prompt;
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: {
      input: true,
      event: { select: { data: true } },
      steps: {
        where: { status: "completed" },
        orderBy: { index: "desc" },
        select: { nodeId: true, output: true, data: true },
      },
    },
  });
  return renderTemplates(prompt, (ref) => {
    if (ref === "input") return run?.input ?? "";
    if (ref.startsWith("event.")) return eventTemplateValue(run?.event?.data, ref);
    const [nodeId, field] = ref.split(".").map((s) => s.trim());
    const step = run?.steps.find((s) => s.nodeId === nodeId);
    if (!step) return "";
    if (field === "output") return step.output ?? "";
    const value = (step.data as Record<string, unknown> | null)?.[field ?? ""];
    return typeof value === "string" ? value : JSON.stringify(value ?? null);
  });
}

/**
 * One visit of a graph node, as a step of the run: the step row is written
 * once (its index is the visit's place in the run, so a replay finds it), with
 * its recipe: the run's input and the outputs on its path framed by role, or,
 * when its prompt has templates, the rendered prompt and the input. Then the
 * step's first turn runs as any step's does (./execute-step.ts). A node with
 * labelled edges gets the routing instruction after its prompt: the labels
 * it may answer, where each leads and, on a loop, which visit this is
 * (lib/models/route-labels.ts), for every provider alike.
 */
export async function executeVisit(
  { scope, runId }: RunRef,
  { node, plan, graph }: GraphVisit,
  options: ExecuteStepOptions,
): Promise<StepOutcome> {
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: {
      status: true,
      cancelRequestedAt: true,
      input: true,
      workflowId: true,
      memoryUserId: true,
      memorySessionId: true,
      steps: { where: { index: plan.index }, select: { id: true } },
    },
  });
  if (!run) throw new Error(`Run ${runId} not found`);
  if (run.steps.length === 0) {
    // A finished or cancelled run gets no new steps.
    if (run.status !== "running") return { status: "skipped" };
    if (run.cancelRequestedAt) return { status: "cancelled" };
    const templated = templatesOf(node.systemPrompt).length > 0;
    const labels = routeLabelsOf(graph, plan.nodeId, plan.visit);
    const rendered = await renderPrompt(scope, runId, node.systemPrompt);
    // What the node recalls about the run's user is part of its input (stored with the step).
    const recalled =
      run.memoryUserId && readsMemory(node.memory)
        ? recalledSection(
            await recallMemories(scope, { userId: run.memoryUserId, sessionId: run.memorySessionId }, run.input),
          )
        : "";
    const prompt = withTone(`${rendered}${recalled}`, node.responseTone, graph.responseTone);
    const recipe: InputRecipe = {
      system: labels ? `${prompt}\n\n${routeInstruction(labels)}` : prompt,
      from: templated ? [{ runInput: true }] : [{ runInput: true }, ...plan.path.map((step) => ({ step }))],
    };
    await scope.db.step.createMany({
      data: [
        {
          workspaceId: scope.workspaceId,
          runId,
          index: plan.index,
          role: node.role,
          model: node.model,
          nodeId: plan.nodeId,
          visit: plan.visit,
          branch: plan.branch,
          status: "pending",
          input: { ...recipe },
        },
      ],
      skipDuplicates: true,
    });
  }
  const outcome = await executeStep({ scope, runId }, plan.index, options);
  if (outcome.status === "completed" && run.memoryUserId && writesMemory(node.memory)) {
    const step = await scope.db.step.findFirst({
      where: { runId, index: plan.index },
      select: { id: true, output: true, data: true },
    });
    if (step) {
      await rememberStep(scope, {
        id: step.id,
        runId,
        workflowId: run.workflowId,
        userId: run.memoryUserId,
        sessionId: run.memorySessionId,
        output: step.output,
        data: (step.data as Record<string, unknown> | null) ?? null,
      });
    }
  }
  return outcome;
}
