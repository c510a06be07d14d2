import { describe, expect, it } from "vitest";
import type { Graph } from "@/lib/queries/workflow-types";
import { crosses, midpoint, roundedPath, routeEdge, type Box, type Point } from "./edge-route";
import { layoutGraph, NODE_WIDTH, nodeHeight } from "./graph-layout";

const box = (id: string, x: number, y: number, width = 240, height = 84): Box => ({ id, x, y, width, height });

/** True when some segment of the route passes through a box other than its two ends. */
function hitsAny(points: Point[], boxes: Box[], ends: string[]): string[] {
  const hit = new Set<string>();
  for (let i = 1; i < points.length; i++)
    for (const b of boxes) if (!ends.includes(b.id) && crosses(points[i - 1]!, points[i]!, b, 2)) hit.add(b.id);
  return [...hit];
}

// The refinement loop as the Route template lays it out: classify → c | d | END, c and d back to b.
const loop: Graph = {
  start: "a",
  nodes: ["a", "b", "classify", "c", "d"].map((id) => ({ id, role: id, systemPrompt: "." })),
  edges: [
    { from: "a", to: "b" },
    { from: "b", to: "classify" },
    { from: "classify", to: "c", when: "c" },
    { from: "classify", to: "d", when: { field: "verdict", equals: "d" } },
    { from: "classify", to: "END" },
    { from: "c", to: "b" },
    { from: "d", to: "b" },
  ],
  maxSteps: 50,
  maxVisitsPerNode: 5,
};

describe("routeEdge", () => {
  it("goes straight down when nothing is in the way", () => {
    expect(routeEdge(box("a", 0, 0), box("b", 0, 200), [])).toEqual([
      { x: 120, y: 84 },
      { x: 120, y: 200 },
    ]);
  });

  it("goes around a node that stands between the two ends", () => {
    const from = box("classify", 0, 0);
    const middle = box("c", 0, 150);
    const end = box("END", 88, 320, 64, 64);
    const points = routeEdge(from, end, [from, middle, end]);
    expect(crosses(points[0]!, points.at(-1)!, middle)).toBe(true);
    expect(hitsAny(points, [middle], [])).toEqual([]);
    expect(points[0]).toEqual({ x: 120, y: 84 });
    expect(points.at(-1)).toEqual({ x: 120, y: 320 });
  });

  it("takes a loop back up to the right of every node in between, into its target's top", () => {
    const b = box("b", 0, 0);
    const classify = box("classify", 0, 150);
    const c = box("c", -140, 300);
    const wide = box("wide", 100, 300, 400);
    const points = routeEdge(c, b, [b, classify, c, wide], { back: true });
    expect(points[0]).toEqual({ x: -20, y: 384 });
    expect(points.at(-1)).toEqual({ x: 144, y: 0 });
    expect(Math.max(...points.map((p) => p.x))).toBeGreaterThan(500);
    expect(hitsAny(points, [b, classify, c, wide], ["c", "b"])).toEqual([]);
    // A second loop runs further out, not on top of the first.
    const second = routeEdge(c, b, [b, classify, c, wide], { back: true, lane: 1 });
    expect(second[2]!.x).toBeGreaterThan(points[2]!.x);
  });

  it("draws the route with rounded corners and finds its middle for the label", () => {
    const points = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
    ];
    expect(roundedPath(points)).toBe("M 0,0 L 88,0 Q 100,0 100,12 L 100,100");
    expect(midpoint(points)).toEqual({ x: 100, y: 0 });
  });
});

describe("layoutGraph's edges", () => {
  it("run around the nodes: dagre's routes forward, loops dashed around the right", () => {
    const { nodes, edges } = layoutGraph(loop, "m");
    const boxes: Box[] = nodes.map((n) => ({
      id: n.id,
      ...n.position,
      width: n.type === "end" ? 64 : NODE_WIDTH,
      height: n.type === "end" ? 64 : nodeHeight(loop.nodes.find((g) => g.id === n.id)!),
    }));
    const at = new Map(boxes.map((b) => [b.id, b]));
    for (const e of edges) {
      expect(e.type).toBe("routed");
      const data = e.data as { points?: Point[]; back?: boolean; lane?: number };
      const points = data.points ?? routeEdge(at.get(e.source)!, at.get(e.target)!, boxes, data);
      expect({ edge: e.id, hits: hitsAny(points, boxes, [e.source, e.target]) }).toEqual({ edge: e.id, hits: [] });
    }
    const loops = edges.filter((e) => (e.data as { back?: boolean }).back).map((e) => `${e.source}→${e.target}`);
    expect(loops).toEqual(["c→b", "d→b"]);
  });

  it("routes the editor's own positions around nodes too (classify → END past c)", () => {
    // Auto layout put c straight under classify, END under c.
    const placed: Graph = {
      ...loop,
      nodes: loop.nodes.map((n, i) => ({
        ...n,
        position: {
          a: { x: 0, y: 0 },
          b: { x: 0, y: 150 },
          classify: { x: 0, y: 300 },
          c: { x: 0, y: 450 },
          d: { x: 280, y: 450 },
        }[n.id]!,
        _i: i,
      })),
    };
    const { nodes, edges } = layoutGraph(placed, "m");
    const boxes: Box[] = nodes.map((n) => ({
      id: n.id,
      ...n.position,
      width: n.type === "end" ? 64 : NODE_WIDTH,
      height: n.type === "end" ? 64 : 84,
    }));
    const at = new Map(boxes.map((b) => [b.id, b]));
    const toEnd = edges.find((e) => e.source === "classify" && e.target === "END")!;
    const straight = [
      { x: at.get("classify")!.x + 120, y: at.get("classify")!.y + 84 },
      { x: at.get("END")!.x + 32, y: at.get("END")!.y },
    ];
    expect(hitsAny(straight, boxes, ["classify", "END"]).length).toBeGreaterThan(0);
    const points = routeEdge(at.get("classify")!, at.get("END")!, boxes, toEnd.data as object);
    expect(hitsAny(points, boxes, ["classify", "END"])).toEqual([]);
  });
});
