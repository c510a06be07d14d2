import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";

/* Pure: YAML with the line of every key, for errors that name file:line. */

export interface YamlSource {
  value: unknown;
  /** The line of the key (or item) at `path`, or of the nearest enclosing one that exists. */
  lineOf(path: (string | number)[]): number;
  errors: { line: number; message: string }[];
}

/** Parses `text`, whose first line is line `firstLine` of its file. */
export function parseYaml(text: string, firstLine = 1): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const line = (offset: number | undefined) =>
    offset === undefined ? firstLine : counter.linePos(offset).line + firstLine - 1;
  const errors = doc.errors.map((e) => ({
    line: e.linePos?.[0]?.line !== undefined ? e.linePos[0].line + firstLine - 1 : firstLine,
    message: `YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
  }));
  const lineOf = (path: (string | number)[]): number => {
    let node: unknown = doc.contents;
    let found = firstLine;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
        if (!pair) return found;
        found = line((pair.key as Node).range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) return found;
        found = line(item.range?.[0]);
        node = item;
      } else return found;
    }
    return found;
  };
  let value: unknown;
  if (!errors.length) {
    try {
      value = doc.toJS();
    } catch (err) {
      // Aliases that would expand past the library's cap (a "billion laughs" document) throw here.
      errors.push({ line: firstLine, message: `YAML: ${(err as Error).message}` });
    }
  }
  return { value, lineOf, errors };
}
