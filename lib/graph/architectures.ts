import { END, type Graph, type GraphEdge, type GraphNode } from "./types";

/*
 * Pure: the twelve agent architectures of the product's catalogue as graph
 * templates, for the editor, the chat and `loopllama init --template`. Each is
 * built from what the engine has (routes on labels or typed fields, parallel
 * branches, joins, capped loops, typed outputs) and passes checkGraph; loops
 * are capped by maxVisitsPerNode, so every run ends.
 */

export const ARCHITECTURE_IDS = [
  "react",
  "plan-and-execute",
  "rewoo",
  "reflexion",
  "self-refine",
  "actor-critic",
  "tree-of-thoughts",
  "router",
  "supervisor",
  "debate",
  "swarm",
  "blackboard",
] as const;
export type ArchitectureId = (typeof ARCHITECTURE_IDS)[number];

export interface Architecture {
  id: ArchitectureId;
  label: string;
  /** One line: its shape. */
  summary: string;
  /** One paragraph: when it is the right choice, and when it is not. */
  whenToUse: string;
  graph: Graph;
}

const node = (id: string, role: string, systemPrompt: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  role,
  systemPrompt,
  ...extra,
});
const edge = (from: string, to: string, when?: GraphEdge["when"]): GraphEdge =>
  when === undefined ? { from, to } : { from, to, when };
const on = (field: string, equals: string) => ({ field, equals });

const ARCHITECTURES: readonly Architecture[] = [
  {
    id: "react",
    label: "ReAct",
    summary: "goal → think → act → think … → answer: reasoning and actions interleaved in a capped loop.",
    whenToUse:
      "Use ReAct when the way to an answer is not known in advance and each step depends on what the last one found: looking things up, calling an API, reading the result, deciding what next. Give the act node its tools (http_request, a workflow, an MCP server). It is the most flexible shape and the least predictable in cost; prefer Plan-and-Execute or ReWOO when the steps can be planned up front.",
    graph: {
      start: "goal",
      nodes: [
        node(
          "goal",
          "framer",
          "Restate the request as a goal and say what a good answer must contain.\n\nRequest: {{ input }}",
        ),
        node(
          "think",
          "reasoner",
          "Think step by step about the request and what is known so far. Decide the next action, or finish when you can answer.\n\nRequest: {{ input }}",
          { output: { decision: "enum[act, finish]", thought: "str" } },
        ),
        node(
          "act",
          "actor",
          "Carry out the action the reasoner decided, with your tools if you have them, and report exactly what you observed.",
        ),
        node(
          "answer",
          "writer",
          "Give the final answer to the request, using what the reasoning and actions found.\n\nRequest: {{ input }}",
        ),
      ],
      edges: [
        edge("goal", "think"),
        edge("think", "act", on("decision", "act")),
        edge("think", "answer", on("decision", "finish")),
        edge("act", "think"),
        edge("answer", END),
      ],
      maxSteps: 30,
      maxVisitsPerNode: 6,
    },
  },
  {
    id: "plan-and-execute",
    label: "Plan-and-Execute",
    summary: "plan → execute → check → replan → execute … | write: a plan first, revised only when the check asks.",
    whenToUse:
      "Use Plan-and-Execute for multi-step work whose steps can be laid out before starting (a report, a migration checklist, a research brief). The planner thinks once about the whole task, the executor works through it, and a checker sends it back for a new plan only when the result falls short. It costs fewer calls than ReAct and is easier to audit; it adapts less well when every step changes the next.",
    graph: {
      start: "plan",
      nodes: [
        node(
          "plan",
          "planner",
          "Break the request into a short, ordered list of concrete steps. Do not carry them out.\n\nRequest: {{ input }}",
        ),
        node(
          "execute",
          "executor",
          "Carry out every step of the plan below, in order, and report each result.\n\nPlan:\n{{ plan.output }}",
        ),
        node(
          "check",
          "checker",
          "Compare the results with the request. Ask for a new plan only if something essential is missing.\n\nResults:\n{{ execute.output }}",
          { output: { verdict: "enum[replan, done]", gaps: "str" } },
        ),
        node(
          "replan",
          "replanner",
          "Revise the plan so it closes the gaps the checker found; keep the steps that worked.\n\nPlan:\n{{ plan.output }}",
        ),
        node(
          "write",
          "writer",
          "Write the final answer to the request from the results.\n\nResults:\n{{ execute.output }}",
        ),
      ],
      edges: [
        edge("plan", "execute"),
        edge("execute", "check"),
        edge("check", "replan", on("verdict", "replan")),
        edge("replan", "execute"),
        edge("check", "write", on("verdict", "done")),
        edge("write", END),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 3,
    },
  },
  {
    id: "rewoo",
    label: "ReWOO",
    summary: "plan → workers in parallel → solve: reasoning without waiting for each observation.",
    whenToUse:
      "Use ReWOO (reasoning without observation) when the evidence a task needs can be named up front and gathered independently: the planner names what to find, the workers find it at the same time, and a solver writes the answer from all of it. It is fast and cheap (the planner runs once, the workers in parallel) but cannot change course on what a worker found; use ReAct for that.",
    graph: {
      start: "plan",
      nodes: [
        node(
          "plan",
          "planner",
          "Name the two pieces of evidence the request needs (E1 and E2) and how to get each. Do not answer yet.\n\nRequest: {{ input }}",
        ),
        node(
          "worker-1",
          "researcher",
          "Gather evidence E1 from the plan and report it plainly.\n\nPlan:\n{{ plan.output }}",
        ),
        node(
          "worker-2",
          "researcher",
          "Gather evidence E2 from the plan and report it plainly.\n\nPlan:\n{{ plan.output }}",
        ),
        node(
          "solve",
          "solver",
          "Answer the request from the plan and the evidence.\n\nE1:\n{{ worker-1.output }}\n\nE2:\n{{ worker-2.output }}",
          { join: "all" },
        ),
      ],
      edges: [
        edge("plan", "worker-1"),
        edge("plan", "worker-2"),
        edge("worker-1", "solve"),
        edge("worker-2", "solve"),
        edge("solve", END),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 2,
    },
  },
  {
    id: "reflexion",
    label: "Reflexion",
    summary: "attempt → evaluate → reflect → retry → evaluate …: learns from its own failures within a run.",
    whenToUse:
      "Use Reflexion when an attempt can be judged (tests pass, the answer checks out, the constraints hold) and a failed attempt teaches something: the evaluator scores it, and on a failure a reflector writes down what went wrong for the next attempt to read. It pays off on tasks with a clear success test, such as code or puzzles; without one, Self-Refine is simpler.",
    graph: {
      start: "attempt",
      nodes: [
        node(
          "attempt",
          "actor",
          "Solve the request. If lessons from earlier attempts are given, follow them.\n\nRequest: {{ input }}",
        ),
        node(
          "evaluate",
          "evaluator",
          "Judge the attempt strictly against the request: pass only if it fully succeeds.\n\nAttempt:\n{{ attempt.output }}",
          { output: { verdict: "enum[retry, pass]", score: "int", reason: "str" } },
        ),
        node(
          "reflect",
          "reflector",
          "Say in two or three sentences why the attempt fell short and what to do differently next time.",
        ),
        node(
          "retry",
          "actor",
          "Solve the request again, following the lesson below.\n\nRequest: {{ input }}\n\nLesson:\n{{ reflect.output }}",
        ),
      ],
      edges: [
        edge("attempt", "evaluate"),
        edge("evaluate", "reflect", on("verdict", "retry")),
        edge("evaluate", END, on("verdict", "pass")),
        edge("reflect", "retry"),
        edge("retry", "evaluate"),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 3,
    },
  },
  {
    id: "self-refine",
    label: "Self-Refine",
    summary: "draft → feedback → refine → feedback … → END: one model improves its own output.",
    whenToUse:
      "Use Self-Refine for writing and other work that gets better with a second look but has no hard pass/fail test: the same kind of model drafts, gives itself specific feedback, and refines until the feedback says stop. It is the cheapest way to lift quality; when an independent, stricter judge matters, use Actor-Critic.",
    graph: {
      start: "draft",
      nodes: [
        node("draft", "drafter", "Write a first version that answers the request.\n\nRequest: {{ input }}"),
        node(
          "feedback",
          "reviewer",
          "Give specific, actionable feedback on the latest version, or say stop when it needs nothing more.",
          { output: { next: "enum[refine, stop]", feedback: "str" } },
        ),
        node("refine", "editor", "Rewrite the latest version applying the feedback; keep what works."),
      ],
      edges: [
        edge("draft", "feedback"),
        edge("feedback", "refine", on("next", "refine")),
        edge("feedback", END, on("next", "stop")),
        edge("refine", "feedback"),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 3,
    },
  },
  {
    id: "actor-critic",
    label: "Actor-Critic",
    summary: "actor → critic → revise → critic …: an independent critic accepts or sends the work back.",
    whenToUse:
      "Use Actor-Critic when the output must meet a standard someone else holds: the actor produces, a separate critic (give it a different model or a stricter prompt) accepts or returns it with a critique. It catches more than Self-Refine because the critic does not share the actor's blind spots, at the cost of a second model's calls.",
    graph: {
      start: "actor",
      nodes: [
        node(
          "actor",
          "actor",
          "Produce the output the request asks for. If a critique is given, address every point.\n\nRequest: {{ input }}",
        ),
        node(
          "critic",
          "critic",
          "Hold the output to a high standard. Accept it, or send it back with a concrete critique.\n\nOutput:\n{{ actor.output }}",
          { output: { verdict: "enum[revise, accept]", critique: "str" } },
        ),
        node("revise", "actor", "Revise your output to address every point of the critique.\n\n{{ critic.critique }}"),
      ],
      edges: [
        edge("actor", "critic"),
        edge("critic", "revise", on("verdict", "revise")),
        edge("revise", "critic"),
        edge("critic", END, on("verdict", "accept")),
      ],
      maxSteps: 12,
      maxVisitsPerNode: 3,
    },
  },
  {
    id: "tree-of-thoughts",
    label: "Tree of Thoughts",
    summary: "frame → three lines of thought in parallel → judge picks the best → answer.",
    whenToUse:
      "Use Tree of Thoughts for problems with several plausible approaches where the first idea is often not the best (design choices, strategy, hard puzzles): three branches explore different approaches at once and a judge compares them before the answer is written. It multiplies cost by the number of branches; use it where choosing well matters more than speed.",
    graph: {
      start: "frame",
      nodes: [
        node(
          "frame",
          "framer",
          "Restate the problem and name three genuinely different approaches to it.\n\nRequest: {{ input }}",
        ),
        node(
          "thought-a",
          "thinker",
          "Develop the first approach from the framing as far as it goes.\n\n{{ frame.output }}",
        ),
        node(
          "thought-b",
          "thinker",
          "Develop the second approach from the framing as far as it goes.\n\n{{ frame.output }}",
        ),
        node(
          "thought-c",
          "thinker",
          "Develop the third approach from the framing as far as it goes.\n\n{{ frame.output }}",
        ),
        node(
          "judge",
          "judge",
          "Compare the three lines of thought and pick the most promising, saying why.\n\nA:\n{{ thought-a.output }}\n\nB:\n{{ thought-b.output }}\n\nC:\n{{ thought-c.output }}",
          { join: "all", output: { best: "enum[a, b, c]", reason: "str" } },
        ),
        node(
          "answer",
          "writer",
          "Write the final answer following the line of thought the judge picked.\n\n{{ judge.reason }}",
        ),
      ],
      edges: [
        edge("frame", "thought-a"),
        edge("frame", "thought-b"),
        edge("frame", "thought-c"),
        edge("thought-a", "judge"),
        edge("thought-b", "judge"),
        edge("thought-c", "judge"),
        edge("judge", "answer"),
        edge("answer", END),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 2,
    },
  },
  {
    id: "router",
    label: "Router",
    summary: "classify → one specialist: each request goes to the one node suited to it.",
    whenToUse:
      "Use a Router when requests fall into a few kinds that each deserve their own prompt, model or tools (questions, complaints, anything else): a classifier with a typed output picks the branch and only that specialist runs. It is cheap and predictable; when a request needs several specialists in turn, use a Supervisor.",
    graph: {
      start: "classify",
      nodes: [
        node("classify", "classifier", "Classify the request.\n\nRequest: {{ input }}", {
          output: { kind: "enum[question, complaint, other]", reason: "str" },
        }),
        node(
          "question",
          "expert",
          "Answer the question in the request accurately and briefly.\n\nRequest: {{ input }}",
        ),
        node(
          "complaint",
          "support agent",
          "Acknowledge the complaint, say what will be done, and be kind.\n\nRequest: {{ input }}",
        ),
        node("other", "generalist", "Help with the request as well as you can.\n\nRequest: {{ input }}"),
      ],
      edges: [
        edge("classify", "question", on("kind", "question")),
        edge("classify", "complaint", on("kind", "complaint")),
        edge("classify", "other", on("kind", "other")),
        edge("question", END),
        edge("complaint", END),
        edge("other", END),
      ],
      maxSteps: 10,
      maxVisitsPerNode: 2,
    },
  },
  {
    id: "supervisor",
    label: "Supervisor",
    summary: "brief → supervisor → worker → supervisor … → finish: one coordinator delegates turn by turn.",
    whenToUse:
      "Use a Supervisor when a task needs several specialists in an order that depends on the work so far: the supervisor reads everything done, picks the next worker (or finishes), and every worker reports back to it. It is easy to follow and to extend with another worker; the supervisor is a single point of judgement, so give it your best model.",
    graph: {
      start: "brief",
      nodes: [
        node(
          "brief",
          "planner",
          "Write a short brief of the request for the team: the goal, its parts, what done looks like.\n\nRequest: {{ input }}",
        ),
        node(
          "supervisor",
          "supervisor",
          "You coordinate a researcher and a writer. Read the request and the work so far, then choose who works next, or finish when the request is fully answered.\n\nRequest: {{ input }}",
          { output: { next: "enum[researcher, writer, finish]", instruction: "str" } },
        ),
        node("researcher", "researcher", "Do the research the supervisor asked for and report the facts you found."),
        node("writer", "writer", "Write what the supervisor asked for from the research so far."),
        node("finish", "editor", "Give the final answer to the request from the work so far.\n\nRequest: {{ input }}"),
      ],
      edges: [
        edge("brief", "supervisor"),
        edge("supervisor", "researcher", on("next", "researcher")),
        edge("supervisor", "writer", on("next", "writer")),
        edge("supervisor", "finish", on("next", "finish")),
        edge("researcher", "supervisor"),
        edge("writer", "supervisor"),
        edge("finish", END),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 5,
    },
  },
  {
    id: "debate",
    label: "Debate",
    summary: "frame → for and against in parallel → judge: a decision argued from both sides.",
    whenToUse:
      "Use a Debate for decisions and claims where one-sided reasoning is the risk (should we adopt X, is this claim true): two advocates argue opposite sides at once and a judge weighs them. It surfaces the strongest objection early; it is not for tasks with a single right procedure.",
    graph: {
      start: "frame",
      nodes: [
        node(
          "frame",
          "moderator",
          "State the question to decide and what a good decision must weigh.\n\nRequest: {{ input }}",
        ),
        node("pro", "advocate for", "Argue as strongly and honestly as you can FOR the motion.\n\n{{ frame.output }}"),
        node(
          "con",
          "advocate against",
          "Argue as strongly and honestly as you can AGAINST the motion.\n\n{{ frame.output }}",
        ),
        node(
          "judge",
          "judge",
          "Weigh both arguments and decide, naming the deciding point.\n\nFor:\n{{ pro.output }}\n\nAgainst:\n{{ con.output }}",
          { join: "all", output: { decision: "enum[for, against, undecided]", reason: "str" } },
        ),
      ],
      edges: [
        edge("frame", "pro"),
        edge("frame", "con"),
        edge("pro", "judge"),
        edge("con", "judge"),
        edge("judge", END),
      ],
      maxSteps: 10,
      maxVisitsPerNode: 2,
    },
  },
  {
    id: "swarm",
    label: "Swarm",
    summary: "peers hand the conversation to each other until one finishes: no central coordinator.",
    whenToUse:
      "Use a Swarm when specialists should pass work between themselves as the conversation reveals what it is about (a sales question that turns into a support case and back): each peer either answers and finishes or hands off to the peer it names. It scales to more peers without a bottleneck; it is harder to predict than a Supervisor, so keep the visit cap low.",
    graph: {
      start: "triage",
      nodes: [
        node("triage", "triage", "Decide which peer should take the request first.\n\nRequest: {{ input }}", {
          output: { handoff: "enum[sales, support]", reason: "str" },
        }),
        node(
          "sales",
          "sales agent",
          "Handle the sales side of the request. Hand off to support if there is a support problem, or finish.",
          {
            output: { handoff: "enum[support, done]", reply: "str" },
          },
        ),
        node(
          "support",
          "support agent",
          "Handle the support side of the request. Hand off to sales if there is a sales question, or finish.",
          {
            output: { handoff: "enum[sales, done]", reply: "str" },
          },
        ),
      ],
      edges: [
        edge("triage", "sales", on("handoff", "sales")),
        edge("triage", "support", on("handoff", "support")),
        edge("sales", "support", on("handoff", "support")),
        edge("sales", END, on("handoff", "done")),
        edge("support", "sales", on("handoff", "sales")),
        edge("support", END, on("handoff", "done")),
      ],
      maxSteps: 12,
      maxVisitsPerNode: 3,
    },
  },
  {
    id: "blackboard",
    label: "Blackboard",
    summary: "board → controller → expert → controller … → summary: experts add to a shared board in turn.",
    whenToUse:
      "Use a Blackboard when several kinds of expertise must build one shared picture and none knows the whole (an incident review, a market analysis): every expert reads everything on the board (the run's outputs so far) and adds its part, a controller picks who contributes next, and a summariser writes the result. It suits open-ended synthesis; for a fixed order of work, a chain is simpler.",
    graph: {
      start: "board",
      nodes: [
        node(
          "board",
          "framer",
          "Put the problem on the board: what is asked, what is known, what is open.\n\nProblem: {{ input }}",
        ),
        node(
          "controller",
          "controller",
          "Look at the board (the contributions so far) and pick the expert whose knowledge is most needed next, or done when the picture is complete.\n\nProblem: {{ input }}",
          { output: { next: "enum[facts, ideas, risks, done]", reason: "str" } },
        ),
        node("facts", "fact finder", "Add the relevant facts to the board that are not on it yet."),
        node("ideas", "ideator", "Add ideas and options to the board, building on what is there."),
        node("risks", "risk analyst", "Add risks and objections to what is on the board."),
        node(
          "summary",
          "summariser",
          "Write up the board as one coherent answer to the problem.\n\nProblem: {{ input }}",
        ),
      ],
      edges: [
        edge("board", "controller"),
        edge("controller", "facts", on("next", "facts")),
        edge("controller", "ideas", on("next", "ideas")),
        edge("controller", "risks", on("next", "risks")),
        edge("controller", "summary", on("next", "done")),
        edge("facts", "controller"),
        edge("ideas", "controller"),
        edge("risks", "controller"),
        edge("summary", END),
      ],
      maxSteps: 20,
      maxVisitsPerNode: 5,
    },
  },
];

export function listArchitectures(): readonly Architecture[] {
  return ARCHITECTURES;
}

export function isArchitectureId(id: string): id is ArchitectureId {
  return (ARCHITECTURE_IDS as readonly string[]).includes(id);
}

/** The architecture by id, with a fresh copy of its graph (callers may edit it). */
export function architecture(id: ArchitectureId): Architecture {
  const found = ARCHITECTURES.find((a) => a.id === id)!;
  return { ...found, graph: structuredClone(found.graph) };
}
