import { diffArrays } from "diff";

/** One line of one side of a two-sided text diff: `changed` when the other side does not have it there. */
export type DiffLine = { text: string; changed: boolean };

function linesOf(text: string | null): string[] {
  return text === null || text === "" ? [] : text.split("\n");
}

/**
 * Two texts line by line, each side's lines marked where they differ from the
 * other's (a removed line on the left, an added one on the right), after the
 * longest common run of lines is matched.
 */
export function lineDiff(a: string | null, b: string | null): { a: DiffLine[]; b: DiffLine[] } {
  const left: DiffLine[] = [];
  const right: DiffLine[] = [];
  for (const part of diffArrays(linesOf(a), linesOf(b))) {
    const lines = part.value.map((text) => ({ text, changed: Boolean(part.added || part.removed) }));
    if (!part.added) left.push(...lines);
    if (!part.removed) right.push(...lines);
  }
  return { a: left, b: right };
}
