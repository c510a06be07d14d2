import "server-only";
import { badRequest } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { templatesOf } from "@/lib/graph/analysis";
import type { Graph } from "@/lib/graph/types";
import { emitsProblem, type EventFields } from "./field-types";

/**
 * Save-time check of a graph's events (checkGraph has checked the shape): the
 * trigger's event type exists, every `{{ event.<field> }}` names a field of
 * it, and every node's `emits` names an existing type its typed output
 * matches. 400 naming each field path (`graph.trigger.event`,
 * `graph.nodes.2.systemPrompt`, `graph.nodes.3.emits`). `proposed` event
 * types count as existing.
 */
/** Event types not yet stored but created in the same transaction (a Loopi reply's), by name. */
export type ProposedEventTypes = ReadonlyMap<string, EventFields>;

export async function assertEventReferences(
  scope: Scope,
  graph: Graph,
  field = "graph",
  proposed?: ProposedEventTypes,
): Promise<void> {
  const trigger = graph.trigger && "event" in graph.trigger ? graph.trigger.event : null;
  const names = [
    ...new Set([...(trigger ? [trigger] : []), ...graph.nodes.flatMap((n) => (n.emits ? [n.emits] : []))]),
  ];
  if (names.length === 0) return;
  const rows = await scope.db.eventType.findMany({
    where: { name: { in: names } },
    select: { name: true, fields: true },
  });
  const types = new Map(rows.map((r) => [r.name, r.fields as EventFields]));
  for (const [name, fields] of proposed ?? []) if (!types.has(name)) types.set(name, fields);
  const details: { field: string; message: string }[] = [];
  const missing = (name: string) => `Event type "${name}" does not exist in this workspace; create it first`;

  const triggerFields = trigger ? types.get(trigger) : undefined;
  if (trigger && !triggerFields) details.push({ field: `${field}.trigger.event`, message: missing(trigger) });
  graph.nodes.forEach((node, i) => {
    if (triggerFields) {
      for (const { text, ref } of templatesOf(node.systemPrompt)) {
        const [head, name] = ref.split(".").map((s) => s.trim());
        if (head !== "event" || !name || Object.hasOwn(triggerFields, name)) continue;
        details.push({
          field: `${field}.nodes.${i}.systemPrompt`,
          message: `${text}: event "${trigger}" has no field "${name}" (it has ${Object.keys(triggerFields).join(", ") || "none"})`,
        });
      }
    }
    if (node.emits) {
      const fields = types.get(node.emits);
      const problem = fields ? emitsProblem(node.output, node.emits, fields) : missing(node.emits);
      if (problem) details.push({ field: `${field}.nodes.${i}.emits`, message: problem });
    }
  });
  if (details.length > 0) {
    const first = details[0]!;
    throw badRequest(`Invalid ${first.field}: ${first.message}`, details);
  }
}
