import { isDeepStrictEqual } from "node:util";
import { isMap, parseDocument } from "yaml";
import type { ProjectEvent } from "./types";

/* Pure: a registry.yml brought up to date with the workspace's event types, everything else as written. */

/**
 * `text` with its `events` section made to hold exactly `events`: new types
 * added, changed ones rewritten, removed ones dropped; comments, order and
 * every other line kept. Null when `text` is not YAML.
 */
export function patchRegistryEvents(text: string, events: ProjectEvent[]): string | null {
  const doc = parseDocument(text);
  if (doc.errors.length || (doc.contents !== null && !isMap(doc.contents))) return null;
  const section = doc.get("events");
  const written = (isMap(section) ? section.toJSON() : {}) as Record<
    string,
    { fields?: unknown; description?: unknown }
  >;
  const wanted = new Map(events.map((e) => [e.name, e]));
  let changed = false;
  for (const name of Object.keys(written)) {
    if (!wanted.has(name)) {
      doc.deleteIn(["events", name]);
      changed = true;
    }
  }
  for (const event of events) {
    const entry = { ...(event.description ? { description: event.description } : {}), fields: event.fields };
    // Event names such as "constructor" are allowed: only an entry the registry holds counts as written.
    const current = Object.hasOwn(written, event.name) ? written[event.name] : undefined;
    const same =
      current &&
      isDeepStrictEqual(current.fields ?? {}, event.fields) &&
      (typeof current.description === "string" ? current.description.trim() : null) === event.description;
    if (!same) {
      if (!isMap(doc.get("events"))) doc.set("events", doc.createNode({}));
      doc.setIn(["events", event.name], doc.createNode(entry));
      changed = true;
    }
  }
  // Printing the document again may respace a line or two; only a change is worth that.
  return changed ? doc.toString({ lineWidth: 0 }) : text;
}
