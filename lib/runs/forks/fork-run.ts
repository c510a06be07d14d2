import "server-only";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import { admitRun } from "@/lib/billing/admit-run";
import { workspaceOwner } from "@/lib/billing/workspace-owner";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import type { Scope } from "@/lib/db/tenant";
import { sendEvent } from "@/lib/engine/send-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkGraph } from "@/lib/graph/check-graph";
import { badRequest, conflict, notFound } from "@/lib/http/errors";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { storedCrew } from "@/lib/workflows/serialize-workflow";
import { runRequestedEvent } from "../create-run";
import { getRun } from "../get-run";
import { TERMINAL_RUN_STATUSES } from "../schemas";
import { withTone } from "@/lib/graph/tone";
import { crewRecipe } from "../transcript";
import { requestSpanIds } from "../request-span-ids";
import type { ForkRunBody } from "./fork-schemas";
import { reuseProblem } from "./reuse-problem";
import { withOverrides } from "./with-overrides";

const field = (path: string, message: string) => badRequest(`${path}: ${message}`, [{ field: path, message }]);

/**
 * Forks a finished run from step `fromStep`: a new run of the same version
 * whose steps before `fromStep` are the original's, copied and marked
 * `reused` (their outputs stand, their tokens and cost are shown but billed
 * in the original only), and which runs on from there, with the fork's input
 * and node overrides. The engine replays the reused steps as finished ones.
 */
export async function forkRun(
  scope: Scope,
  originalId: string,
  body: ForkRunBody,
  by: { triggeredBy: "user" | "token"; triggeredById: string; actor: AuditActor },
) {
  const original = await scope.db.run.findFirst({
    where: { id: originalId },
    include: {
      workflowVersion: { select: { id: true, crew: true, graph: true, responseTone: true } },
      workflow: { select: { model: true, currentVersion: true } },
      steps: { orderBy: { index: "asc" } },
    },
  });
  if (!original) throw notFound("Run");
  if (!(TERMINAL_RUN_STATUSES as readonly string[]).includes(original.status)) {
    throw conflict(`Run is ${original.status}; only a completed, failed or cancelled run can be forked.`);
  }
  const steps = original.steps;
  if (body.fromStep >= steps.length) {
    throw field("fromStep", `The run has ${steps.length} steps (0 to ${steps.length - 1})`);
  }
  const unfinished = steps.slice(0, body.fromStep).find((s) => s.status !== "completed");
  if (unfinished) {
    throw field(
      "fromStep",
      `Step ${unfinished.index} did not complete (${unfinished.status}): fork from it or before it`,
    );
  }
  const version = await forkVersion(scope, original, body);
  const graph = storedGraph(parseJsonColumn(version.graph));
  const crew = graph ? [] : storedCrew(version.crew);
  const nodeIds = graph ? graph.nodes.map((n) => n.id) : crew.map((_, i) => `agent-${i + 1}`);
  const overrides = body.overrides?.nodes ?? {};
  for (const id of Object.keys(overrides)) {
    if (!nodeIds.includes(id)) throw field(`overrides.nodes.${id}`, `The run's workflow has no node "${id}"`);
  }
  if (graph) {
    const problem = checkGraph(withOverrides(graph, overrides))[0];
    if (problem) throw field(`overrides.${problem.path.join(".")}`, problem.message);
  }

  const reused = steps.slice(0, body.fromStep);
  const { plan, ownerId } = await workspaceOwner(scope.db, scope.workspaceId);
  const stepCount = graph ? graph.maxSteps : crew.length;
  const forkId = await scope.db.$transaction(async (tx) => {
    await admitRun(tx, { workspaceId: scope.workspaceId, plan, ownerId, steps: stepCount - reused.length });
    const copies: Prisma.StepCreateManyRunInput[] = reused.map((s) => ({
      workspaceId: scope.workspaceId,
      index: s.index,
      role: s.role,
      model: s.model,
      nodeId: s.nodeId,
      visit: s.visit,
      branch: s.branch,
      data: s.data ?? undefined,
      approval: s.approval ?? undefined,
      reused: true,
      status: "completed",
      input: s.input ?? undefined,
      output: s.output,
      inputTokens: s.inputTokens,
      outputTokens: s.outputTokens,
      costUsd: s.costUsd,
      attempts: s.attempts,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    }));
    // A crew run's later steps are queued as a run's are, with the fork's overrides.
    const fresh: Prisma.StepCreateManyRunInput[] = crew.slice(body.fromStep).map((agent, i) => {
      const index = body.fromStep + i;
      const override = overrides[`agent-${index + 1}`];
      return {
        workspaceId: scope.workspaceId,
        index,
        role: agent.role,
        model: override?.model ?? agent.model ?? original.workflow.model,
        status: "pending",
        // The crew's tone follows the prompt, as in the version the fork runs (an override gets it too).
        input: {
          ...crewRecipe(
            withTone(
              override?.systemPrompt ?? agent.systemPrompt,
              agent.responseTone,
              version.responseTone ?? undefined,
            ),
            index,
          ),
        },
      };
    });
    const run = await tx.run.create({
      data: {
        workspaceId: scope.workspaceId,
        workflowId: original.workflowId,
        workflowVersionId: version.id,
        status: "queued",
        input: body.input ?? original.input,
        stepCount,
        triggeredBy: by.triggeredBy,
        triggeredById: by.triggeredById,
        budget: original.budget ?? undefined,
        forkedFromId: original.id,
        forkedAtStep: body.fromStep,
        ...requestSpanIds(),
        visited: reused.map((s) => s.nodeId ?? `agent-${s.index + 1}`),
        ...(graph && Object.keys(overrides).length ? { overrides: { nodes: overrides } } : {}),
        steps: { createMany: { data: [...copies, ...fresh] } },
      },
      select: { id: true },
    });
    await appendAuditEntry(tx, scope.workspaceId, by.actor, {
      action: "run.started",
      target: { type: "run", id: run.id },
      details: {
        workflowId: original.workflowId,
        triggeredBy: by.triggeredBy,
        forkedFromId: original.id,
        forkedAtStep: body.fromStep,
      },
    });
    return run.id;
  });
  await sendEvent(runRequestedEvent(forkId, scope.workspaceId, plan, ownerId));
  return getRun(scope, forkId);
}

type Original = {
  workflowId: string;
  workflowVersion: { id: string; crew: unknown; graph: unknown; responseTone: string | null };
  workflow: { currentVersion: number };
  steps: { index: number; nodeId: string | null; output: string | null; data: unknown }[];
};

function shapeOf(version: { crew: unknown; graph: unknown }) {
  const graph = storedGraph(parseJsonColumn(version.graph));
  return graph ? { graph } : { crew: storedCrew(version.crew) };
}

/**
 * The version a fork runs: the original's, or with `version: "current"` the
 * workflow's current one, when the steps the fork reuses ran nodes it still
 * has, unchanged and where its edges lead (else 400 naming `version`).
 */
async function forkVersion(scope: Scope, original: Original, body: ForkRunBody) {
  if (body.version !== "current") return original.workflowVersion;
  const current = await scope.db.workflowVersion.findFirst({
    where: { workflowId: original.workflowId, version: original.workflow.currentVersion },
    select: { id: true, crew: true, graph: true, responseTone: true },
  });
  if (!current) throw notFound("Workflow version");
  if (current.id === original.workflowVersion.id) return current;
  const problem = reuseProblem(
    shapeOf(original.workflowVersion),
    shapeOf(current),
    original.steps.slice(0, body.fromStep),
  );
  if (problem) throw field("version", `Cannot reuse the run's steps on the current version: ${problem}`);
  return current;
}
