/**
 * The routing instruction a node with labelled edges gets at the end of its
 * system prompt, the same for every provider: the labels its answer may be
 * (or, for a typed node, the values a field may take), where each leads, and
 * on a node that can loop, which visit this is. A real model is told what to
 * answer; the local model reads the same sentence back to pick a label.
 *
 *   Route: answer with exactly one of these labels and nothing else: "billing" (to billing), "tech" (to tech).
 *   Route: set "severity" to one of: "high" (to page). Any other value goes to log.
 *   Route: … "facts" (to fact-check, which leads back here) … Any other answer goes to END. This is visit 2 of this node (at most 4).
 */

/** One way out of a routing node: a label (null for the default edge), where it goes, and whether it leads back. */
export interface RouteOption {
  value: string | number | boolean | null;
  to: string;
  loops: boolean;
}

/** What a node routes on: its answer text (field null) or a typed field. */
export interface RouteGroup {
  field: string | null;
  options: RouteOption[];
}

export interface RouteLabels {
  groups: RouteGroup[];
  /** Which visit of the node this is (stated only when a way out leads back). */
  visit: number;
  maxVisits: number | null;
}

const PREFIX = "Route: ";

function describe(option: RouteOption): string {
  return `to ${option.to}${option.loops ? ", which leads back here" : ""}`;
}

/** The instruction's lines, one per group, or "" when there is nothing to route on. */
export function routeInstruction(labels: RouteLabels): string {
  const loops = labels.groups.some((g) => g.options.some((o) => o.loops));
  const lines = labels.groups.map((group) => {
    const labelled = group.options.filter((o) => o.value !== null);
    const fallback = group.options.find((o) => o.value === null);
    const list = labelled.map((o) => `${JSON.stringify(o.value)} (${describe(o)})`).join(", ");
    const head =
      group.field === null
        ? `answer with exactly one of these labels and nothing else: ${list}.`
        : `set ${JSON.stringify(group.field)} to one of: ${list}.`;
    const other = fallback ? ` Any other ${group.field === null ? "answer" : "value"} goes ${describe(fallback)}.` : "";
    return `${PREFIX}${head}${other}`;
  });
  if (lines.length === 0) return "";
  if (loops) {
    const cap = labels.maxVisits ? ` (at most ${labels.maxVisits})` : "";
    lines[lines.length - 1] += ` This is visit ${labels.visit} of this node${cap}.`;
  }
  return lines.join("\n");
}

const VALUE = String.raw`("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)`;
const OPTION = new RegExp(String.raw`${VALUE} \(to ([^,()]+?)(, which leads back here)?\)`, "g");
const HEAD = new RegExp(
  String.raw`^${PREFIX}(?:answer with exactly one of these labels and nothing else: |set ${VALUE} to one of: )`,
);
const OTHER = /Any other (?:answer|value) goes to ([^,.]+?)(, which leads back here)?\./;
const VISIT = /This is visit (\d+) of this node(?: \(at most (\d+)\))?\./;

/** The routing instruction read back from a system prompt; null when it has none. */
export function parseRouteInstruction(system: string): RouteLabels | null {
  const groups: RouteGroup[] = [];
  let visit = 1;
  let maxVisits: number | null = null;
  for (const line of system.split("\n")) {
    const head = HEAD.exec(line);
    if (!head) continue;
    const field = head[1] === undefined ? null : (JSON.parse(head[1]) as string);
    const rest = line.slice(head[0].length);
    const options: RouteOption[] = [...rest.matchAll(OPTION)].map((m) => ({
      value: JSON.parse(m[1]!) as string | number | boolean,
      to: m[2]!,
      loops: m[3] !== undefined,
    }));
    const other = OTHER.exec(rest);
    if (other) options.push({ value: null, to: other[1]!, loops: other[2] !== undefined });
    const at = VISIT.exec(rest);
    if (at) {
      visit = Number(at[1]);
      maxVisits = at[2] ? Number(at[2]) : null;
    }
    if (options.length > 0) groups.push({ field, options });
  }
  return groups.length > 0 ? { groups, visit, maxVisits } : null;
}
