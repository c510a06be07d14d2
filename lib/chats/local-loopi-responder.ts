import { registerLocalResponder, type ModelRequest } from "@/lib/models";
import { DEFAULT_MODEL } from "@/lib/workflows/schemas";
import { LOOPI_PROMPT_MARKER } from "./loopi-prompt";

/**
 * Loopi on the local provider: a request to "build an agent that …" (or "to …")
 * gets a plausible graph and an agent that runs it, as valid blocks; anything
 * else a short note on what Loopi can do. The same request always gets the
 * same answer.
 */
const BUILD = /\b(?:build|make|create)\b[^.?!]*?\bagent\b\s+(?:that|to|which|who)\s+([^\n]+)/i;

function clip(s: string, n: number): string {
  const one = s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.?!]+$/, "");
  return one.length > n ? `${one.slice(0, n - 1).trimEnd()}…` : one;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The schedule a request asks for in words: every hour, every N minutes, daily; else manual. */
export function scheduleFromWords(task: string) {
  const t = task.toLowerCase();
  const minutes = /every (\d{1,4}) ?(?:minutes?|mins?)\b/.exec(t);
  if (minutes)
    return { type: "interval", intervalMinutes: Math.min(10080, Math.max(1, Number(minutes[1]))), timezone: "UTC" };
  const hours = /every (\d{1,3}) ?hours?\b/.exec(t);
  if (hours)
    return { type: "interval", intervalMinutes: Math.min(10080, Math.max(1, Number(hours[1]) * 60)), timezone: "UTC" };
  if (/\b(every hour|hourly)\b/.test(t)) return { type: "interval", intervalMinutes: 60, timezone: "UTC" };
  if (/\b(every day|daily|each day|every morning)\b/.test(t))
    return { type: "cron", expression: "0 9 * * *", timezone: "UTC" };
  if (/\b(every week|weekly)\b/.test(t)) return { type: "cron", expression: "0 9 * * 1", timezone: "UTC" };
  return { type: "manual", timezone: "UTC" };
}

/** The blocks for an agent that does `task`: check, then act only when something needs doing. */
export function buildAnswer(task: string): string {
  const what = clip(task, 80);
  const name = clip(capitalise(task), 60);
  const workflow = {
    name,
    description: `Does the work of the agent that ${what}.`,
    graph: {
      start: "check",
      nodes: [
        {
          id: "check",
          role: "checker",
          systemPrompt: `You check the situation for this task: ${what}. Say whether something needs doing and why.`,
          output: { status: "enum[ok, act]", reason: "str" },
        },
        {
          id: "act",
          role: "doer",
          systemPrompt: `Something needs doing for this task: ${what}. Do it and report what you did.`,
        },
      ],
      edges: [
        { from: "check", to: "act", when: { field: "status", equals: "act" } },
        { from: "check", to: "END", when: { field: "status", equals: "ok" } },
        { from: "act", to: "END" },
      ],
    },
  };
  const agent = {
    name: clip(`${capitalise(task.split(/\s+/).slice(0, 4).join(" "))} agent`, 80),
    role: "watcher",
    description: `An agent that ${what}.`,
    goal: `Every run: ${what}. Success is acting exactly when something needs doing, and saying why.`,
    model: DEFAULT_MODEL,
    workflows: [name],
    schedule: scheduleFromWords(task),
    capabilities: [],
  };
  return [
    `Here is an agent that ${what}: one workflow that checks first and acts only when it must, and the agent that runs it.`,
    "",
    "```workflow-create",
    JSON.stringify(workflow, null, 2),
    "```",
    "",
    "```agent-create",
    JSON.stringify(agent, null, 2),
    "```",
    "",
    "Check the cards below and click Create when they look right.",
  ].join("\n");
}

export const localLoopiResponder = {
  id: "loopi-builder",
  respond(req: ModelRequest): string | null {
    if (!req.system.startsWith(LOOPI_PROMPT_MARKER)) return null;
    const last = [...req.messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const build = BUILD.exec(last);
    if (build) return buildAnswer(build[1]!);
    return 'I build workflows and agents. Ask me to "build an agent that …" and I will propose them as cards you can check and create.';
  },
};

registerLocalResponder(localLoopiResponder);
