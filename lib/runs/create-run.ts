import "server-only";
import { isDeepStrictEqual } from "node:util";
import { badRequest, conflict, notFound, payloadTooLarge } from "@/lib/http/errors";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import { admitRun, takeRunRate } from "@/lib/billing/admit-run";
import { ownerIdSql, workspaceOwner } from "@/lib/billing/workspace-owner";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan, TriggerSource } from "@/lib/generated/prisma/enums";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { templatesOf } from "@/lib/workflows/graph/analysis";
import type { Budget, Graph } from "@/lib/workflows/graph/types";
import { storedCrew } from "@/lib/workflows/serialize-workflow";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/unique-violation";
import { getRun } from "./get-run";
import { requestSpanIds } from "./request-span-ids";
import { MAX_RUN_INPUT_CHARS } from "./schemas";
import { withTone } from "@/lib/graph/tone";
import { crewRecipe } from "./transcript";

export interface CreateRunOptions {
  workflowId: string;
  input: string;
  /** Same key, same run: a retried request never starts a second run. */
  idempotencyKey?: string | null;
  triggeredBy: TriggerSource;
  /** The user, token or agent that asked for the run. */
  triggeredById?: string | null;
  agentId?: string | null;
  agentTickId?: string | null;
  /** The event that started the run (lib/events/emit-event.ts). */
  eventId?: string | null;
  /** The request's own budget (the workflow's and its nodes' apply as well). */
  budget?: Budget | null;
  /** The product's user (and session) whose memory the run's nodes recall and write. */
  memory?: { userId: string; sessionId?: string | null } | null;
  /**
   * Who started the run, for its `run.started` audit entry (with the client's
   * address for a request); left out, the trigger names it: its user, token or
   * agent, or the system for an event or a schedule.
   */
  actor?: AuditActor;
}

function runActor(options: CreateRunOptions): AuditActor {
  if (options.actor) return options.actor;
  const id = options.triggeredById ?? null;
  switch (options.triggeredBy) {
    case "user":
    case "token":
      return { type: options.triggeredBy, id };
    case "agent":
      return { type: "agent", id: options.agentId ?? id };
    default:
      return { type: "system", id: null };
  }
}

export type RunRequestedEvent = {
  name: typeof RUN_REQUESTED;
  data: { runId: string; workspaceId: string; plan?: Plan; ownerId: string };
};

/**
 * The event that starts the engine on a run; its id makes re-sending it
 * harmless. The plan picks run-crew's registration, hence the concurrency
 * limit; the owner (lib/billing/workspace-owner) is the concurrency key of a
 * plan whose limits count per owner.
 */
export function runRequestedEvent(
  runId: string,
  workspaceId: string,
  plan: Plan | undefined,
  ownerId: string,
): RunRequestedEvent & { id: string } {
  return { name: RUN_REQUESTED, data: { runId, workspaceId, plan, ownerId }, id: `run-requested-${runId}` };
}

async function findByKey({ db }: Scope, idempotencyKey: string) {
  return db.run.findFirst({
    where: { idempotencyKey },
    select: {
      id: true,
      workflowId: true,
      input: true,
      budget: true,
      status: true,
      workspace: { select: { plan: true } },
    },
  });
}

/** The run an earlier request with the same key created; a different request under the key is a conflict. */
async function replay(
  scope: Scope,
  existing: NonNullable<Awaited<ReturnType<typeof findByKey>>>,
  options: CreateRunOptions,
) {
  if (
    existing.workflowId !== options.workflowId ||
    existing.input !== options.input ||
    !isDeepStrictEqual(existing.budget ?? null, options.budget ?? null)
  ) {
    throw conflict("This Idempotency-Key was already used for a different run request; use a new key.");
  }
  // If the first request stopped between commit and send, this sends the event
  // (same id, so an engine that already has it ignores it).
  if (existing.status === "queued") {
    const { plan, ownerId } = await workspaceOwner(scope.db, scope.workspaceId);
    await sendEvent(runRequestedEvent(existing.id, scope.workspaceId, plan, ownerId));
  }
  return { run: await getRun(scope, existing.id), created: false };
}

interface RunnableWorkflow {
  id: string;
  name: string;
  model: string;
  status: "active" | "paused";
  versionId: string;
  crew: unknown;
  graph: unknown;
  /** A crew version's tone, said after each agent's prompt unless the agent has its own. */
  responseTone: string | null;
  plan: Plan;
  ownerId: string;
}

/**
 * The workflow, its current version's crew and the workspace's plan, in one
 * statement, outside the run's transaction. A delete between this read and the
 * insert makes the run's foreign key fail, which createRun answers with 404.
 */
async function findRunnableWorkflow(tx: SqlRunner, workspaceId: string, workflowId: string) {
  const rows = await tx.$queryRaw<RunnableWorkflow[]>`
    SELECT w.id, w.name, w.model, w.status::text AS status, v.id AS "versionId", v.crew, v.graph, v."responseTone", ws.plan::text AS plan,
      ${ownerIdSql(Prisma.sql`ws.id`)} AS "ownerId"
    FROM "Workflow" w
    JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = w."currentVersion" AND ${workspaceFilter(workspaceId, "v")}
    JOIN "Workspace" ws ON ws.id = w."workspaceId"
    WHERE w.id = ${workflowId} AND ${workspaceFilter(workspaceId, "w")}`;
  return rows[0] ?? null;
}

/**
 * Queues a run of the workflow's current crew: in one transaction the run
 * (pinned to the current version) and one pending step per agent, each with
 * its resolved model and its input recipe; then tells the engine. Returns `created: false` when the
 * idempotency key names an existing run.
 */
/**
 * A graph whose prompts read `{{ event.<field> }}` runs only from its event:
 * started with an input alone, every such template would be blank. 400 naming
 * `event`, saying which event to emit.
 */
function assertNoEventTemplates(name: string, graph: Graph) {
  const refs = graph.nodes.flatMap((n) => templatesOf(n.systemPrompt).filter((t) => t.ref.startsWith("event.")));
  if (refs.length === 0) return;
  const event = graph.trigger && "event" in graph.trigger ? graph.trigger.event : null;
  const message =
    `Workflow "${name}" reads ${refs[0]!.text} from ${event ? `a ${event} event` : "the event that starts it"}, ` +
    `which a run request does not carry; emit ${event ? `a ${event}` : "the event"} (POST /api/v1/events) to run it.`;
  throw badRequest(message, [{ field: "event", message }]);
}

export async function createRun(scope: Scope, options: CreateRunOptions) {
  const { workspaceId } = scope;
  if (options.input.length > MAX_RUN_INPUT_CHARS) {
    throw payloadTooLarge(`Input is ${options.input.length} characters; the limit is ${MAX_RUN_INPUT_CHARS}.`);
  }
  if (!options.input.trim())
    throw badRequest("Invalid input: Input is required", [{ field: "input", message: "Input is required" }]);
  const key = options.idempotencyKey || null;
  if (key) {
    const existing = await findByKey(scope, key);
    if (existing) return replay(scope, existing, options);
  }

  // Read and checked outside any transaction: nothing here waits on another request.
  const workflow = await findRunnableWorkflow(scope.db, workspaceId, options.workflowId);
  if (!workflow) throw notFound("Workflow");
  const { plan, ownerId } = workflow;
  if (workflow.status === "paused") {
    throw conflict(`Workflow "${workflow.name}" is paused; set its status to active to run it.`);
  }
  const graph = storedGraph(parseJsonColumn(workflow.graph));
  if (graph && !options.eventId) assertNoEventTemplates(workflow.name, graph);
  // A graph run's steps are written as it visits nodes; until it finishes it
  // holds its maxSteps (the most it can take) against the month's allowance.
  const crew = graph ? [] : storedCrew(workflow.crew);
  const stepCount = graph ? graph.maxSteps : crew.length;

  // Admission: the run rate first (429), then, in the short transaction that
  // writes the run, the Free allowance (402), so a refused request writes nothing.
  const admission = { workspaceId, plan, ownerId, steps: stepCount };
  const rate = await takeRunRate(admission);
  let runId: string;
  try {
    runId = await scope.db.$transaction(async (tx) => {
      await admitRun(tx, admission);
      const run = await tx.run.create({
        data: {
          workspaceId,
          workflowId: workflow.id,
          workflowVersionId: workflow.versionId,
          status: "queued",
          input: options.input,
          stepCount,
          idempotencyKey: key,
          triggeredBy: options.triggeredBy,
          triggeredById: options.triggeredById ?? null,
          agentId: options.agentId ?? null,
          agentTickId: options.agentTickId ?? null,
          eventId: options.eventId ?? null,
          ...(options.budget ? { budget: { ...options.budget } } : {}),
          memoryUserId: options.memory?.userId ?? null,
          memorySessionId: options.memory?.sessionId ?? null,
          ...requestSpanIds(),
          steps: {
            createMany: {
              data: crew.map((agent, index) => ({
                workspaceId,
                index,
                role: agent.role,
                model: agent.model ?? workflow.model,
                status: "pending" as const,
                // Its system prompt and references to what it will see, never copies of outputs.
                input: {
                  ...crewRecipe(
                    withTone(agent.systemPrompt, agent.responseTone, workflow.responseTone ?? undefined),
                    index,
                  ),
                },
              })),
            },
          },
        },
        select: { id: true },
      });
      await appendAuditEntry(tx, workspaceId, runActor(options), {
        action: "run.started",
        target: { type: "run", id: run.id },
        details: {
          workflowId: workflow.id,
          triggeredBy: options.triggeredBy,
          ...(options.eventId ? { eventId: options.eventId } : {}),
        },
      });
      return run.id;
    });
  } catch (err) {
    await rate.giveBack();
    // Two requests with one key raced: the unique (workspaceId, idempotencyKey) let one in.
    if (key && isUniqueViolation(err)) {
      const existing = await findByKey(scope, key);
      if (existing) return replay(scope, existing, options);
    }
    // The workflow was deleted since it was read: the run's reference to it cannot be written.
    if (isForeignKeyViolation(err)) throw notFound("Workflow");
    throw err;
  }

  await sendEvent(runRequestedEvent(runId, workspaceId, plan, ownerId));
  return { run: await getRun(scope, runId), created: true };
}
