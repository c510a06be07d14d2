/** The graphs a new workflow can start from: chain, route, parallel, a refinement loop, a reviewed draft, and the twelve architectures. */
import { architecture, isArchitectureId, type ArchitectureId } from "@/lib/graph/architectures";
import { END, type Graph } from "@/lib/graph/types";

export type TemplateId = "chain" | "route" | "parallel" | "loop" | "approval" | ArchitectureId;

export interface GraphTemplate {
  id: TemplateId;
  label: string;
  description: string;
}

export const GRAPH_TEMPLATES: readonly GraphTemplate[] = [
  { id: "chain", label: "Chain", description: "planner → writer, one after the other, drawn as a graph." },
  { id: "route", label: "Route", description: "A classifier picks one branch by its answer." },
  { id: "parallel", label: "Parallel", description: "Branches run at once; a merge node waits for all of them." },
  {
    id: "loop",
    label: "Refinement loop",
    description: "draft → refine → classify → fact-check | restyle | END, back to refine.",
  },
  {
    id: "approval",
    label: "Approval",
    description: "draft → a person approves (publish) or rejects it (back to draft for a revision).",
  },
];

const caps = { maxSteps: 50, maxVisitsPerNode: 5 };

/** A fresh graph for the template; every one passes checkGraph. */
export function templateGraph(id: TemplateId): Graph {
  if (isArchitectureId(id)) return architecture(id).graph;
  switch (id) {
    case "chain":
      return {
        start: "planner",
        nodes: [
          {
            id: "planner",
            role: "planner",
            systemPrompt:
              "You are the planner. Break the request into a short, ordered list of concrete steps that fully answer it. Do not write the final answer.",
          },
          {
            id: "writer",
            role: "writer",
            systemPrompt:
              "You are the writer. Follow the plan below and produce the complete final output for the request.\n\nPlan:\n{{ planner.output }}",
          },
        ],
        edges: [
          { from: "planner", to: "writer" },
          { from: "writer", to: END },
        ],
        ...caps,
      };
    case "route":
      return {
        start: "classify",
        nodes: [
          {
            id: "classify",
            role: "classifier",
            systemPrompt: "Read the request and reply with exactly one word: billing or tech.",
          },
          { id: "billing", role: "billing agent", systemPrompt: "Answer the billing question in the request." },
          { id: "tech", role: "tech agent", systemPrompt: "Answer the technical question in the request." },
        ],
        edges: [
          { from: "classify", to: "billing", when: "billing" },
          { from: "classify", to: "tech", when: "tech" },
          { from: "billing", to: END },
          { from: "tech", to: END },
        ],
        ...caps,
      };
    case "parallel":
      return {
        start: "fan-out",
        nodes: [
          {
            id: "fan-out",
            role: "dispatcher",
            systemPrompt: "Restate the request in one line for the parallel branches.",
          },
          { id: "market", role: "market researcher", systemPrompt: "Research the market for the request." },
          { id: "risks", role: "risk researcher", systemPrompt: "List the risks of the request." },
          {
            id: "merge",
            role: "writer",
            systemPrompt: "Merge the research into one brief.",
            join: "all",
          },
        ],
        edges: [
          { from: "fan-out", to: "market" },
          { from: "fan-out", to: "risks" },
          { from: "market", to: "merge" },
          { from: "risks", to: "merge" },
          { from: "merge", to: END },
        ],
        ...caps,
      };
    case "loop":
      return {
        start: "draft",
        nodes: [
          { id: "draft", role: "drafter", systemPrompt: "Write a first draft answering the request." },
          {
            id: "refine",
            role: "editor",
            systemPrompt: "Improve the draft below; keep what works.\n\n{{ draft.output }}",
          },
          {
            id: "classify",
            role: "reviewer",
            systemPrompt:
              "Judge the text below. Reply with exactly one word: facts (claims need checking), style (it reads badly) or done.\n\n{{ refine.output }}",
          },
          { id: "fact-check", role: "fact checker", systemPrompt: "List the claims in the text that need sources." },
          { id: "restyle", role: "stylist", systemPrompt: "Point out the sentences that read badly and why." },
        ],
        edges: [
          { from: "draft", to: "refine" },
          { from: "refine", to: "classify" },
          { from: "classify", to: "fact-check", when: "facts" },
          { from: "classify", to: "restyle", when: "style" },
          { from: "classify", to: END },
          { from: "fact-check", to: "refine" },
          { from: "restyle", to: "refine" },
        ],
        maxSteps: 30,
        maxVisitsPerNode: 4,
      };
    case "approval":
      return {
        start: "draft",
        nodes: [
          { id: "draft", role: "writer", systemPrompt: "Write a short announcement for the request." },
          {
            id: "review",
            kind: "approval",
            role: "reviewer",
            systemPrompt: "Publish this announcement?\n\n{{ draft.output }}",
            timeout: { after: "24h", then: "reject" },
          },
          {
            id: "publish",
            role: "publisher",
            systemPrompt: "Format the approved announcement for publishing.\n\n{{ draft.output }}",
          },
        ],
        edges: [
          { from: "draft", to: "review" },
          { from: "review", to: "publish", when: "approved" },
          { from: "review", to: "draft", when: "rejected" },
          { from: "publish", to: END },
        ],
        maxSteps: 20,
        maxVisitsPerNode: 3,
      };
  }
}
