import { isDeepStrictEqual } from "node:util";
import { isMap, parseDocument } from "yaml";
import type { ProjectEvent } from "./types";
import { maskTypeExpressions, unmask, unmaskValue } from "./yaml-source";

/* Pure: a registry.yml brought up to date with the workspace's event types, everything else as written. */

/**
 * `text` with its `events` section made to hold exactly `events`: new types
 * added, changed ones rewritten, removed ones dropped; comments, order and
 * every other line kept. Null when `text` is not YAML.
 */
export function patchRegistryEvents(text: string, events: ProjectEvent[]): string | null {
  // Type expressions written unquoted (`enum[a, b]` in a flow map) are read as the compiler reads them.
  const doc = parseDocument(maskTypeExpressions(text));
  if (doc.errors.length || (doc.contents !== null && !isMap(doc.contents))) return null;
  const section = doc.get("events");
  const written = unmaskValue(isMap(section) ? section.toJSON() : {}) as Record<
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
  return changed ? asWritten(unmask(doc.toString({ lineWidth: 0 })), text) : text;
}

/** Spacing inside brackets and braces ignored: `[ a ]` and `[a]` are one line. */
const unspaced = (line: string) => line.replace(/([[{])\s+/g, "$1").replace(/\s+([\]}])/g, "$1");

/** Each printed line that is a line of `original` but for the spacing the printer gives flow collections, as written. */
function asWritten(printed: string, original: string): string {
  const lines = new Map(original.split("\n").map((l) => [unspaced(l), l]));
  return printed
    .split("\n")
    .map((l) => lines.get(unspaced(l)) ?? l)
    .join("\n");
}
