import { registerLocalResponder, type ModelRequest } from "@/lib/models";
import { END, type Graph } from "@/lib/workflows/graph/types";
import type { CrewMember } from "./crew-patch";
import { readReflectionContext, REFLECTION_PROMPT_MARKER } from "./reflection-prompt";

/**
 * Answers reflection prompts on the local provider, so the whole loop can be
 * seen without an API key. The verdict is chosen by a directive in the agent's
 * goal (default ok):
 *   [[reflect:modify]]        modify: the current crew plus a `reviewer` at the end
 *                             (ok once the crew already ends with a reviewer); for a
 *                             graph, a `reviewer` node every way to END goes through
 *   [[reflect:modify-empty]]  modify with `{ "agents": [] }` (downgraded to ok)
 *   [[reflect:fail]]          fail (the agent is marked failed)
 *   [[reflect:invalid-json]]  a block whose JSON does not parse (read as ok)
 *   [[reflect:none]]          prose without any block (read as ok)
 */
const DIRECTIVE = /\[\[reflect:(modify-empty|modify|fail|invalid-json|none|ok)\]\]/;

export type ReflectDirective = "ok" | "modify" | "modify-empty" | "fail" | "invalid-json" | "none";

export function reflectDirective(goal: string): ReflectDirective {
  return (DIRECTIVE.exec(goal)?.[1] as ReflectDirective | undefined) ?? "ok";
}

const REVIEWER: CrewMember = {
  role: "reviewer",
  systemPrompt:
    "You are the reviewer. Check the previous agents' work against the original request, fix gaps and errors, and give the final answer.",
};

function block(value: unknown): string {
  return "```agent-reflect\n" + JSON.stringify(value, null, 2) + "\n```";
}

export function answerReflection(goal: string, crew: CrewMember[]): string {
  switch (reflectDirective(goal)) {
    case "modify": {
      if (crew.at(-1)?.role === "reviewer") {
        return block({ verdict: "ok", reason: "The crew already ends with a reviewer; the run made progress." });
      }
      return block({
        verdict: "modify",
        reason: "The output is not checked before it is returned; a reviewer at the end will catch gaps.",
        patch: { agents: [...crew, REVIEWER] },
      });
    }
    case "modify-empty":
      return block({ verdict: "modify", reason: "Replace the crew.", patch: { agents: [] } });
    case "fail":
      return block({ verdict: "fail", reason: "The goal cannot be reached with the tools this agent has." });
    case "invalid-json":
      return "```agent-reflect\n{ verdict: ok, reason: this is not JSON\n```";
    case "none":
      return "The run looks fine to me, nothing more to say.";
    default:
      return block({ verdict: "ok", reason: "The run made progress towards the goal." });
  }
}

/** For a graph: a reviewer node before END (every edge into END goes to it). */
export function answerGraphReflection(goal: string, graph: Pick<Graph, "nodes" | "edges">): string {
  if (reflectDirective(goal) !== "modify") return answerReflection(goal, []);
  if (graph.nodes.some((n) => n.id === "reviewer")) {
    return block({ verdict: "ok", reason: "The graph already ends with a reviewer; the run made progress." });
  }
  return block({
    verdict: "modify",
    reason: "The output is not checked before it is returned; a reviewer before END will catch gaps.",
    patch: {
      nodes: [...graph.nodes, { id: "reviewer", ...REVIEWER }],
      edges: [...graph.edges.map((e) => (e.to === END ? { ...e, to: "reviewer" } : e)), { from: "reviewer", to: END }],
    },
  });
}

export const localReflectionResponder = {
  id: "agent-reflection",
  respond(req: ModelRequest): string | null {
    if (!req.system.startsWith(REFLECTION_PROMPT_MARKER)) return null;
    const content = req.messages.at(-1)?.content ?? "";
    const ctx = readReflectionContext(content);
    if (!ctx) return null;
    return "graph" in ctx ? answerGraphReflection(ctx.goal, ctx.graph) : answerReflection(ctx.goal, ctx.crew);
  },
};

registerLocalResponder(localReflectionResponder);
