import "server-only";
import { isDeepStrictEqual } from "node:util";
import { AppError, conflict, notFound, payloadTooLarge } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import type { EventSource } from "@/lib/generated/prisma/enums";
import { createRun } from "@/lib/runs/create-run";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { publishBusEvent } from "@/lib/webhooks/publish-bus-event";
import type { EventFields } from "./field-types";
import { MAX_EVENT_DATA_CHARS } from "./schemas";
import { eventRunsSelect, eventSelect, serializeEvent, serializeEventRun } from "./serialize-event";
import { validateEventData } from "./validate-event-data";
import { workflowsUsingEventType } from "./workflows-using-event-type";

export interface EmitEventInput {
  name: string;
  data: Record<string, unknown>;
  source: EventSource;
  /** The run whose step emitted it (source `step`). */
  sourceRunId?: string | null;
  /** 0 for an event from outside; the emitting run's event depth + 1 for a step's. */
  depth?: number;
  /** Same key, same event: a retry stores nothing new and starts no second run. */
  idempotencyKey?: string | null;
  /** The user or token that emitted it, recorded on its runs. */
  triggeredById?: string | null;
}

/** The run key of a workflow's run for an event: a replayed emit finds the run, never starts a second. */
const runKey = (eventId: string, workflowId: string) => `event:${eventId}:${workflowId}`;

/** The stored event under the key, or null; a different event under the key is a conflict. */
async function findByKey(scope: Scope, key: string, input: EmitEventInput) {
  const row = await scope.db.event.findFirst({ where: { idempotencyKey: key }, select: eventSelect });
  if (row && (row.name !== input.name || !isDeepStrictEqual(row.data, input.data))) {
    throw conflict("This idempotency key was already used for a different event; use a new key.", [
      { field: "idempotencyKey", message: "Already used" },
    ]);
  }
  return row;
}

/**
 * Emits an event: the data is checked against its type (400 naming
 * `data.<field>`; an unknown name is 404), the event is stored, and every
 * active workflow whose current version starts on it (`trigger.event`) gets
 * one run, through createRun (admission and billing as any run), with the
 * data as JSON for its input and `{{ event.<field> }}` in its prompts. An
 * event deeper than EVENT_MAX_DEPTH, or one no workflow starts on, is stored
 * with a note saying why it started no runs; a run that admission refuses is
 * named in the note while the others start.
 *
 * The event goes to the webhook endpoints that list `event.<name>`.
 *
 * With an idempotency key a retry (or a step's emit replayed after a crash)
 * finds the stored event and its runs, and starts any run the first attempt
 * did not get to.
 */
export async function emitEvent(scope: Scope, input: EmitEventInput) {
  const type = await scope.db.eventType.findFirst({ where: { name: input.name }, select: { id: true, fields: true } });
  if (!type) throw notFound(`Event type "${input.name}"`);
  validateEventData(input.name, type.fields as EventFields, input.data);
  const size = JSON.stringify(input.data).length;
  if (size > MAX_EVENT_DATA_CHARS) {
    throw payloadTooLarge(`The event's data is ${size} characters as JSON; the limit is ${MAX_EVENT_DATA_CHARS}.`);
  }

  const key = input.idempotencyKey || null;
  const depth = input.depth ?? 0;
  const maxDepth = env().EVENT_MAX_DEPTH;
  const capped = depth > maxDepth;
  const capNote = `Depth ${depth} is past the cap EVENT_MAX_DEPTH (${maxDepth}): a chain of events that keeps triggering itself stops here.`;

  let event = key ? await findByKey(scope, key, input) : null;
  if (!event) {
    try {
      event = await scope.db.event.create({
        data: {
          workspaceId: scope.workspaceId,
          eventTypeId: type.id,
          name: input.name,
          data: input.data as object,
          source: input.source,
          sourceRunId: input.sourceRunId ?? null,
          depth,
          note: capped ? capNote : null,
          idempotencyKey: key,
        },
        select: eventSelect,
      });
    } catch (err) {
      if (!(key && isUniqueViolation(err))) throw err;
      event = await findByKey(scope, key, input);
      if (!event) throw err;
    }
  }
  // Endpoints that listen for `event.<name>` hear of it, whether or not it starts runs.
  await publishBusEvent(scope, serializeEvent(event));
  if (event.depth > maxDepth) return { event: serializeEvent(event), runs: [] };

  const targets = (await workflowsUsingEventType(scope, input.name)).filter((w) => w.trigger && w.status === "active");
  const refused: string[] = [];
  for (const workflow of targets) {
    try {
      await createRun(scope, {
        workflowId: workflow.id,
        // The stored data, so a replayed emit asks for the same input.
        input: JSON.stringify(event.data),
        idempotencyKey: runKey(event.id, workflow.id),
        triggeredBy: "event",
        triggeredById: input.triggeredById ?? null,
        eventId: event.id,
      });
    } catch (err) {
      // One workflow's refusal (its plan's allowance, a pause meanwhile) does not stop the others.
      if (!(err instanceof AppError)) throw err;
      refused.push(`"${workflow.name}": ${err.message}`);
    }
  }
  const note =
    targets.length === 0
      ? `No active workflow starts on "${input.name}".`
      : refused.length > 0
        ? `Not started for ${refused.join("; ")}`
        : null;
  const stored = await scope.db.event.update({
    where: { id: event.id },
    data: { note },
    select: { ...eventSelect, ...eventRunsSelect },
  });
  const { runs, ...row } = stored;
  return { event: serializeEvent(row), runs: runs.map(serializeEventRun) };
}
