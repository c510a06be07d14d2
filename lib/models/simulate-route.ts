import { createHash } from "node:crypto";
import { parseRouteInstruction, type RouteGroup, type RouteOption } from "./route-labels";
import type { ModelRequest } from "./types";

/** The option the local model takes, and why (said in its answer). */
interface Choice {
  option: RouteOption;
  why: string;
}

/**
 * Picks one way out of a routing group, deterministically from the input: on
 * a node that can loop, a way that leads back on its first visit and a way out
 * after; among those, a label the input mentions, else for a typed field the
 * value it would have anyway (an enum's first) if that is one, else one a hash
 * of the input picks.
 */
function choose(group: RouteGroup, visit: number, input: string, sample?: unknown): Choice {
  const back = group.options.filter((o) => o.loops);
  const out = group.options.filter((o) => !o.loops);
  let candidates = group.options;
  let why = "";
  if (back.length > 0 && visit === 1) {
    candidates = back;
    why = "visit 1, a way that leads back; ";
  } else if (back.length > 0 && out.length > 0) {
    candidates = out;
    why = `visit ${visit}, the way out; `;
  }
  const text = input.toLowerCase();
  const mentioned = candidates.find(
    (o) => o.value !== null && new RegExp(`\\b${escape(String(o.value).toLowerCase())}\\b`).test(text),
  );
  if (mentioned) return { option: mentioned, why: `${why}the input mentions it` };
  // A typed field keeps the value the local model gives it anyway (an enum's first) when that is a way.
  const usual = sample === undefined ? undefined : candidates.find((o) => o.value !== null && same(o.value, sample));
  if (usual) return { option: usual, why: `${why}the field's first value` };
  if (candidates.length === 1) return { option: candidates[0]!, why: why ? why.slice(0, -2) : "the only way" };
  const hash = createHash("sha256").update(input).digest().readUInt32BE(0);
  return { option: candidates[hash % candidates.length]!, why: `${why}picked by a hash of the input` };
}

function same(a: unknown, b: unknown): boolean {
  return String(a).toLowerCase() === String(b).toLowerCase();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function inputOf(req: ModelRequest): string {
  return req.messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
}

/**
 * The local model's answer to a node with labelled edges, as text: one of the
 * labels, after a marker saying it was simulated and why that one (the
 * marker is not part of the answer a graph routes on), or, for the default
 * edge, no label. Null when the request has no routing instruction on its answer text.
 */
export function simulatedRouteText(req: ModelRequest): string | null {
  const route = parseRouteInstruction(req.system);
  const group = route?.groups.find((g) => g.field === null);
  if (!route || !group) return null;
  const { option, why } = choose(group, route.visit, inputOf(req));
  if (option.value === null) {
    return `[simulated ${req.model}: none of the edges' labels, so the default edge to ${option.to} (${why})]`;
  }
  return `[simulated ${req.model}: chose from the edges' labels (${why})] ${String(option.value)}`;
}

/** Typed fields the routing instruction names, set to the value the local model takes. */
export function simulatedRouteFields(
  req: ModelRequest,
  sample: Record<string, unknown>,
  fields: Record<string, string>,
): Record<string, unknown> {
  const route = parseRouteInstruction(req.system);
  if (!route) return sample;
  const data = { ...sample };
  for (const group of route.groups) {
    if (group.field === null || !(group.field in fields)) continue;
    const { option } = choose(group, route.visit, inputOf(req), data[group.field]);
    const labels = group.options.flatMap((o) => (o.value === null ? [] : [o.value]));
    data[group.field] = option.value !== null ? option.value : outside(fields[group.field]!, labels, data[group.field]);
  }
  return data;
}

/** A value of the field's type that is none of the labels (the default edge's), when there is one. */
function outside(type: string, labels: unknown[], sample: unknown): unknown {
  const taken = (v: unknown) => labels.some((l) => same(l, v));
  if (!taken(sample)) return sample;
  const values = /^enum\[(.+)\]$/
    .exec(type)?.[1]
    ?.split(",")
    .map((v) => v.trim());
  if (values) return values.find((v) => !taken(v)) ?? sample;
  if (type === "bool") return !sample;
  if (type === "int" || type === "number") {
    let n = 0;
    while (taken(n)) n++;
    return n;
  }
  return `not ${String(sample)}`;
}
