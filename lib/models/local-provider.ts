import { createHash } from "node:crypto";
import { localResponders } from "./local-responders";
import { sampleOutput } from "./output-schema";
import { applyDirectives, parseDirectives } from "./simulate";
import { simulatedRouteFields, simulatedRouteText } from "./simulate-route";
import { countTokens, requestTokens } from "./tokens";
import type { CallOptions, ModelProvider, ModelRequest, ModelResult, ToolCall } from "./types";

/**
 * A deterministic stand-in for a model, used when no real provider is
 * configured (no API key), under MODEL_PROVIDER=local, and in tests. The same request always gives the same answer; every answer starts
 * with "[simulated <model>]" and its token counts follow the actual text.
 */
export const localProvider: ModelProvider = {
  name: "local",
  async call(req: ModelRequest, options?: CallOptions): Promise<ModelResult> {
    await applyDirectives(req, options);
    const call = pendingToolCall(req);
    if (call) {
      return {
        text: "",
        inputTokens: requestTokens(req),
        outputTokens: countTokens(JSON.stringify(call.input)),
        model: req.model,
        simulated: true,
        toolCalls: [call],
      };
    }
    const result = await answer(req);
    emitInChunks(result.text, options?.onDelta);
    return result;
  },
};

/** Hands `text` to `onDelta` in a few pieces, as a streaming model would. */
function emitInChunks(text: string, onDelta?: (text: string) => void): void {
  if (!onDelta || !text) return;
  const size = Math.max(16, Math.ceil(text.length / 8));
  for (let i = 0; i < text.length; i += size) onDelta(text.slice(i, i + size));
}

/**
 * `[[simulate:tool:<name>:<json>]]`: the model calls tool <name> with input
 * <json> once (when it is offered and no result for that call is in the
 * conversation yet), then answers. Several directives call their tools in order.
 */
const TOOL_DIRECTIVE = /\[\[simulate:tool:([\w.-]+):(\{.*?\}|\[.*?\]|[^\]]*)\]\]/g;

function pendingToolCall(req: ModelRequest): ToolCall | null {
  if (!req.tools?.length) return null;
  const offered = new Set(req.tools.map((t) => t.name));
  const answered = new Set(req.messages.flatMap((m) => (m.toolResults ?? []).map((r) => r.toolCallId)));
  let index = 0;
  for (const m of req.system.matchAll(TOOL_DIRECTIVE)) {
    const [, name = "", raw = ""] = m;
    const id = `simtool_${index++}_${name.replace(/[^\w-]/g, "_")}`;
    if (!offered.has(name) || answered.has(id)) continue;
    let input: unknown = {};
    try {
      input = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      input = { value: raw };
    }
    return { id, name, input };
  }
  return null;
}

/** The answer once no tool call is pending; tool results are quoted at its end. */
async function answer(req: ModelRequest): Promise<ModelResult> {
  const results = req.messages.flatMap((m) => m.toolResults ?? []);
  const withResults = (text: string) =>
    results.length
      ? `${text}\n${results.map((r) => `Tool result ${r.toolCallId}: ${clip(r.content, 200)}`).join("\n")}`
      : text;
  const exact = exactAnswer(req);
  if (exact !== null) {
    return {
      text: exact,
      inputTokens: requestTokens(req),
      outputTokens: countTokens(exact),
      model: req.model,
      simulated: true,
    };
  }
  let body: string | null = null;
  for (const responder of localResponders()) {
    body = await responder.respond(req);
    if (body !== null) break;
  }
  body ??= defaultAnswer(req);
  const text = fitToChars(withResults(`[simulated ${req.model}] ${body}`), parseDirectives(req.system).chars);
  return {
    text: truncateToTokens(text, req.maxTokens),
    inputTokens: requestTokens(req),
    outputTokens: countTokens(truncateToTokens(text, req.maxTokens)),
    model: req.model,
    simulated: true,
  };
}

/**
 * An answer given exactly: the text of `[[simulate:reply:<text>]]`; for a
 * typed output valid values for its fields (a routed field set to one of its
 * edges' values); for a node with labelled edges, one of its labels, chosen
 * from the input and the visit (lib/models/simulate-route.ts).
 */
function exactAnswer(req: ModelRequest): string | null {
  const reply = parseDirectives(req.system).reply;
  if (reply !== undefined) return reply;
  if (req.output) {
    return JSON.stringify(simulatedRouteFields(req, sampleOutput(req.output, req.role ?? "value"), req.output));
  }
  return simulatedRouteText(req);
}

/** The text repeated or cut to exactly `chars` characters (`[[simulate:chars:N]]`); as is without it. */
function fitToChars(text: string, chars?: number): string {
  if (!chars) return text;
  return text.padEnd(chars, `\n${text}`).slice(0, chars);
}

function truncateToTokens(text: string, maxTokens?: number): string {
  if (!maxTokens || countTokens(text) <= maxTokens) return text;
  return text.slice(0, maxTokens * 4);
}

type Kind = "planner" | "researcher" | "reviewer" | "writer" | "generic";

function kindOf(req: ModelRequest): Kind {
  const hint = `${req.role ?? ""} ${req.role ? "" : req.system}`.toLowerCase();
  if (/plan/.test(hint)) return "planner";
  if (/review|critiq|edit/.test(hint)) return "reviewer";
  if (/research|extract|analy/.test(hint)) return "researcher";
  if (/writ|draft|final|summar|author/.test(hint)) return "writer";
  return "generic";
}

interface Parsed {
  input: string;
  prior: { heading: string; firstLine: string }[];
}

/** Splits a prompt built by lib/runs/transcript into the request and prior outputs. */
function parsePrompt(content: string): Parsed {
  const sections = content.split(/^## /m);
  const prior: Parsed["prior"] = [];
  let input = content;
  if (sections.length > 1) {
    input = "";
    for (const s of sections) {
      const [heading = "", ...rest] = s.split("\n");
      const text = rest.join("\n").trim();
      if (/^input/i.test(heading)) input = text;
      else if (/^output of step/i.test(heading)) {
        const firstLine = text.split("\n").find((l) => l.trim().length > 0) ?? "";
        prior.push({ heading: heading.replace(/^output of /i, ""), firstLine: clip(stripMarker(firstLine), 100) });
      }
    }
  }
  return { input: input.trim(), prior };
}

const STOP = new Set(
  "about above after again also because before being below between could does doing during each from further have having here into itself more most other ought over same should some such than that their theirs them then there these they this those through under until very what when where which while whom with would your yours".split(
    " ",
  ),
);

function keywords(text: string, n: number): string[] {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? []) {
    if (!STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([w]) => w);
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function stripMarker(s: string): string {
  return s.replace(/^\[simulated [^\]]*\]\s*/, "");
}

function digest(req: ModelRequest): string {
  return createHash("sha256")
    .update(JSON.stringify([req.system, req.messages]))
    .digest("hex")
    .slice(0, 8);
}

function defaultAnswer(req: ModelRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === "user")?.content ?? "";
  const { input, prior } = parsePrompt(last);
  const topic = clip(input || "(empty input)", 120);
  const terms = keywords(input, 4);
  const focus = terms.length ? terms.join(", ") : "the request";
  const ref = `ref ${digest(req)}`;
  switch (kindOf(req)) {
    case "planner":
      return [
        `Plan for: ${topic}`,
        `1. Clarify the goal and constraints of the request.`,
        `2. Gather the key facts about ${focus}.`,
        `3. Organise them into an outline with one section per theme.`,
        `4. Draft the output section by section.`,
        `5. Check the draft against the request and tighten it.`,
        `(${ref})`,
      ].join("\n");
    case "researcher":
      return [
        `Findings for: ${topic}`,
        ...terms.map((t, i) => `- Claim ${i + 1}: ${t} matters to the request.`),
        `- Open question: what does success look like for ${focus}?`,
        `(${ref})`,
      ].join("\n");
    case "reviewer":
      return [
        `Review of ${prior.length} prior step(s) for: ${topic}`,
        ...prior.map((p) => `- ${p.heading}: checked "${p.firstLine}"`),
        `Verdict: the draft covers ${focus}; final version below.`,
        `(${ref})`,
      ].join("\n");
    case "writer":
      return [
        `# ${clip(input.split("\n")[0] || "Document", 80)}`,
        "",
        `This document answers the request about ${focus}.`,
        ...(prior.length ? ["", "## Built on", ...prior.map((p) => `- ${p.heading}: ${p.firstLine}`)] : []),
        "",
        "## Summary",
        `The request (${countTokens(input)} tokens) was read in full; the key points are ${focus}.`,
        `(${ref})`,
      ].join("\n");
    default:
      return [
        `Response to: ${topic}`,
        ...(prior.length ? [`Considered ${prior.map((p) => p.heading).join("; ")}.`] : []),
        `Key points: ${focus}.`,
        `(${ref})`,
      ].join("\n");
  }
}
