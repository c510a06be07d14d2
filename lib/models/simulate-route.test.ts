import { describe, expect, it } from "vitest";
import { nextNodes } from "@/lib/workflows/graph/next-nodes";
import { routeLabelsOf } from "@/lib/workflows/graph/route-labels-of";
import { END, type Graph } from "@/lib/workflows/graph/types";
import { localProvider } from "./local-provider";
import { parseRouteInstruction, routeInstruction } from "./route-labels";

const route: Pick<Graph, "edges" | "maxVisitsPerNode"> = {
  maxVisitsPerNode: 5,
  edges: [
    { from: "classify", to: "billing", when: "billing" },
    { from: "classify", to: "tech", when: "tech" },
    { from: "billing", to: END },
    { from: "tech", to: END },
  ],
};

/** The refinement loop template: classify → fact-check | restyle (both back to refine) | END by default. */
const loop: Pick<Graph, "edges" | "maxVisitsPerNode"> = {
  maxVisitsPerNode: 4,
  edges: [
    { from: "draft", to: "refine" },
    { from: "refine", to: "classify" },
    { from: "classify", to: "fact-check", when: "facts" },
    { from: "classify", to: "restyle", when: "style" },
    { from: "classify", to: END },
    { from: "fact-check", to: "refine" },
    { from: "restyle", to: "refine" },
  ],
};

function system(graph: Pick<Graph, "edges" | "maxVisitsPerNode">, visit: number, prompt = "Classify.") {
  return `${prompt}\n\n${routeInstruction(routeLabelsOf(graph, "classify", visit)!)}`;
}

async function answer(sys: string, input: string, output?: Record<string, string>) {
  const res = await localProvider.call({
    model: "claude-haiku-4-5",
    system: sys,
    messages: [{ role: "user", content: input }],
    ...(output ? { output } : {}),
  });
  return res.text;
}

describe("routing instruction", () => {
  it("names each label and where it leads, and is read back the same", () => {
    const text = routeInstruction(routeLabelsOf(loop, "classify", 2)!);
    expect(text).toBe(
      'Route: answer with exactly one of these labels and nothing else: "facts" (to fact-check, which leads back here), ' +
        '"style" (to restyle, which leads back here). Any other answer goes to END. This is visit 2 of this node (at most 4).',
    );
    expect(parseRouteInstruction(`Judge it.\n\n${text}`)).toEqual(routeLabelsOf(loop, "classify", 2));
    expect(routeInstruction(routeLabelsOf(route, "classify", 1)!)).not.toContain("visit");
    expect(routeLabelsOf(route, "billing", 1)).toBeNull();
    expect(parseRouteInstruction("Reply billing or tech.")).toBeNull();
  });
});

describe("local provider on a node with labelled edges", () => {
  it("answers the label the input mentions, saying it was simulated, and the graph routes on it", async () => {
    const text = await answer(system(route, 1), "The tech stack crashes on start.");
    expect(text).toBe("[simulated claude-haiku-4-5: chose from the edges' labels (the input mentions it)] tech");
    expect(nextNodes(route, "classify", text)).toEqual({ targets: ["tech"] });
    const billing = await answer(system(route, 1), "A billing question: my card was charged twice.");
    expect(nextNodes(route, "classify", billing)).toEqual({ targets: ["billing"] });
  });

  it("without a mention, a hash of the input picks a label: the same input always the same one", async () => {
    const inputs = ["Hello there", "Can you help?", "Where is my order?", "Something is odd", "Question"];
    const picks = await Promise.all(inputs.map((i) => answer(system(route, 1), i)));
    for (const [i, text] of picks.entries()) {
      expect(text).toContain("picked by a hash of the input");
      expect("targets" in nextNodes(route, "classify", text)).toBe(true);
      expect(await answer(system(route, 1), inputs[i]!)).toBe(text);
    }
    expect(new Set(picks.map((t) => t.split("] ")[1])).size).toBe(2);
  });

  it("in a loop, takes a way back on the first visit and the way out after", async () => {
    const first = await answer(system(loop, 1), "Write about tea.");
    expect(first).toMatch(/visit 1, a way that leads back/);
    const back = nextNodes(loop, "classify", first);
    expect(back).toEqual({ targets: [expect.stringMatching(/^(fact-check|restyle)$/)] });
    const second = await answer(system(loop, 2), "Write about tea.");
    expect(second).toBe(
      "[simulated claude-haiku-4-5: none of the edges' labels, so the default edge to END (visit 2, the way out)]",
    );
    expect(nextNodes(loop, "classify", second)).toEqual({ targets: [END] });
  });

  it("a labelled way out (the graphs guide's judge: expand | trim | done) is answered by its label", async () => {
    const judge: Pick<Graph, "edges" | "maxVisitsPerNode"> = {
      maxVisitsPerNode: 3,
      edges: [
        { from: "b", to: "classify" },
        { from: "classify", to: "c", when: "expand" },
        { from: "classify", to: "d", when: "trim" },
        { from: "classify", to: END, when: "done" },
        { from: "c", to: "b" },
        { from: "d", to: "b" },
      ],
    };
    expect(nextNodes(judge, "classify", await answer(system(judge, 2), "Trim it."))).toEqual({ targets: [END] });
  });

  it("sets a routed typed field to an edge's value, or to another value for the default edge", async () => {
    const typed: Pick<Graph, "edges" | "maxVisitsPerNode"> = {
      maxVisitsPerNode: 5,
      edges: [
        { from: "classify", to: "page", when: { field: "severity", equals: "high" } },
        { from: "classify", to: "log" },
      ],
    };
    const output = { root_cause: "str", severity: "enum[high, low]" };
    const high = JSON.parse(await answer(system(typed, 1), "A high severity outage.", output));
    expect(high.severity).toBe("high");
    // Unmentioned, the field keeps its usual value (the enum's first) when an edge takes it…
    expect(JSON.parse(await answer(system(typed, 1), "The site is down.", output)).severity).toBe("high");
    // …and takes another for the default edge when a loop's way out needs it.
    const back: Pick<Graph, "edges" | "maxVisitsPerNode"> = {
      maxVisitsPerNode: 5,
      edges: [
        { from: "classify", to: "classify", when: { field: "severity", equals: "high" } },
        { from: "classify", to: "log" },
      ],
    };
    expect(JSON.parse(await answer(system(back, 1), "The site is down.", output)).severity).toBe("high");
    expect(JSON.parse(await answer(system(back, 2), "The site is down.", output)).severity).toBe("low");
  });
});
