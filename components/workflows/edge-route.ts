/**
 * Where a diagram's edge runs: a polyline that goes around the nodes it would otherwise cross.
 * Edges go from a node's bottom to the next one's top; an edge that goes back up (a loop) runs up
 * to the right of every node between.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  id: string;
  width: number;
  height: number;
}

/** Room kept between an edge and a node it goes around. */
const CLEAR = 24;
/** Room between loops that go around side by side. */
const LANE = 18;

const right = (b: Box) => b.x + b.width;
const bottom = (b: Box) => b.y + b.height;

/** True when the segment a→b passes through the box (grown by `pad`). */
export function crosses(a: Point, b: Point, box: Box, pad = 8): boolean {
  const x0 = box.x - pad;
  const x1 = right(box) + pad;
  const y0 = box.y - pad;
  const y1 = bottom(box) + pad;
  // Liang–Barsky clipping of the segment against the box.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/**
 * A loop: down out of the source's bottom, across to the right of every node between, up, and down
 * into the target's top (beside where its forward edges come in). Each lane runs further out.
 */
function around(from: Box, to: Box, others: readonly Box[], lane: number): Point[] {
  const gap = CLEAR / 2 + lane * 4;
  const below = bottom(from) + gap;
  const above = to.y - gap;
  const top = Math.min(above, from.y);
  const low = Math.max(below, bottom(to));
  const beside = [from, to, ...others].filter((b) => b.y < low && bottom(b) > top);
  const x = Math.max(...beside.map(right)) + CLEAR + lane * LANE;
  const sx = from.x + from.width / 2;
  const tx = Math.min(to.x + to.width / 2 + CLEAR + lane * 8, right(to) - 8);
  return [
    { x: sx, y: bottom(from) },
    { x: sx, y: below },
    { x, y: below },
    { x, y: above },
    { x: tx, y: above },
    { x: tx, y: to.y },
  ];
}

/**
 * The points of an edge from `from` to `to` with `others` in the way. `back` marks an edge that
 * closes a loop; `lane` spreads several loops apart.
 */
export function routeEdge(from: Box, to: Box, others: readonly Box[], { back = false, lane = 0 } = {}): Point[] {
  const s = { x: from.x + from.width / 2, y: bottom(from) };
  const t = { x: to.x + to.width / 2, y: to.y };
  if (from.id === to.id || back || t.y < s.y + 8) return around(from, to, others, lane);
  const blockers = others.filter((b) => b.id !== from.id && b.id !== to.id && crosses(s, t, b));
  if (!blockers.length) return [s, t];
  const top = Math.min(...blockers.map((b) => b.y)) - CLEAR / 2;
  const low = Math.max(...blockers.map(bottom)) + CLEAR / 2;
  // Beside everything in the band the edge passes through, on the side nearer its ends.
  const band = others.filter((b) => b.id !== from.id && b.id !== to.id && b.y < low && bottom(b) > top);
  const mid = (s.x + t.x) / 2;
  const leftX = Math.min(...blockers.map((b) => b.x)) - CLEAR;
  const rightX = Math.max(...blockers.map(right)) + CLEAR;
  const clear = (x: number) => !band.some((b) => crosses({ x, y: top }, { x, y: low }, b, 4));
  const widen = (x: number, step: number) => {
    let at = x;
    for (let i = 0; i < 50 && !clear(at); i++) {
      const hit = band.filter((b) => crosses({ x: at, y: top }, { x: at, y: low }, b, 4));
      at = step < 0 ? Math.min(...hit.map((b) => b.x)) - CLEAR : Math.max(...hit.map(right)) + CLEAR;
    }
    return at;
  };
  const l = widen(leftX, -1);
  const r = widen(rightX, 1);
  const x = Math.abs(mid - l) <= Math.abs(r - mid) ? l : r;
  return [s, { x, y: Math.max(top, s.y) }, { x, y: Math.min(low, t.y) }, t];
}

/** An SVG path through the points, its corners rounded. */
export function roundedPath(points: readonly Point[], radius = 12): string {
  if (points.length < 2) return "";
  const [first, ...rest] = points;
  let d = `M ${first!.x},${first!.y}`;
  for (let i = 0; i < rest.length; i++) {
    const at = rest[i]!;
    const before = i === 0 ? first! : rest[i - 1]!;
    const after = rest[i + 1];
    if (!after) {
      d += ` L ${at.x},${at.y}`;
      break;
    }
    const inLen = Math.hypot(at.x - before.x, at.y - before.y);
    const outLen = Math.hypot(after.x - at.x, after.y - at.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    const p1 = { x: at.x - ((at.x - before.x) / (inLen || 1)) * r, y: at.y - ((at.y - before.y) / (inLen || 1)) * r };
    const p2 = { x: at.x + ((after.x - at.x) / (outLen || 1)) * r, y: at.y + ((after.y - at.y) / (outLen || 1)) * r };
    d += ` L ${p1.x},${p1.y} Q ${at.x},${at.y} ${p2.x},${p2.y}`;
  }
  return d;
}

/** The point halfway along the polyline (where its label goes). */
export function midpoint(points: readonly Point[]): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  let left = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (left <= len) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const f = len ? left / len : 0;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    left -= len;
  }
  return points[0] ?? { x: 0, y: 0 };
}
