import { MAX_BLOCK_CHARS, MAX_BLOCKS_PER_REPLY } from "./limits";

/*
 * Pure: reads Loopi's fenced proposals out of a reply, for the server and the
 * browser alike. Only the shape of the text is judged here (a closed fence,
 * JSON, size, no prototype keys); what the JSON says is checked against the
 * API's own schemas and the workspace by lib/chats/check-blocks.ts.
 */

export const BLOCK_KINDS = ["workflow-create", "workflow-update", "agent-create", "event-type-create"] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface BlockProblem {
  field: string;
  message: string;
}

export interface ParsedBlock {
  /** Position among the reply's blocks, from 0. */
  index: number;
  kind: BlockKind;
  /** The parsed JSON; null when the block could not be read. */
  value: unknown;
  problems: BlockProblem[];
}

const FENCE = /^```(workflow-create|workflow-update|agent-create|event-type-create)[ \t]*$/;
const CLOSE = /^```[ \t]*$/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The first key anywhere in the value that could reach an object's prototype, or null. */
function forbiddenKey(value: unknown, path: string[] = []): string | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = forbiddenKey(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key].join(".");
    const found = forbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return null;
}

export function readJson(body: string): Pick<ParsedBlock, "value" | "problems"> {
  if (body.length > MAX_BLOCK_CHARS) {
    return {
      value: null,
      problems: [{ field: "(block)", message: `A block has at most ${MAX_BLOCK_CHARS} characters` }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? err.message : "invalid JSON";
    return { value: null, problems: [{ field: "(block)", message: `Not valid JSON: ${detail}` }] };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { value: null, problems: [{ field: "(block)", message: "A block holds one JSON object" }] };
  }
  const key = forbiddenKey(value);
  if (key) return { value: null, problems: [{ field: key, message: "This key is not allowed" }] };
  return { value, problems: [] };
}

/**
 * The ```workflow-create```, ```workflow-update```, ```agent-create``` and
 * ```event-type-create``` blocks of a reply, in order.
 * A block left open at the end (a reply cut short, or still streaming) is
 * reported as unfinished; past MAX_BLOCKS_PER_REPLY the rest are one problem.
 */
export function parseBlocks(text: string): { blocks: ParsedBlock[]; problems: BlockProblem[] } {
  const blocks: ParsedBlock[] = [];
  const problems: BlockProblem[] = [];
  const lines = text.split(/\r?\n/);
  let open: { kind: BlockKind; body: string[] } | null = null;
  let extra = 0;
  for (const line of lines) {
    if (open) {
      if (CLOSE.test(line)) {
        if (blocks.length < MAX_BLOCKS_PER_REPLY) {
          blocks.push({ index: blocks.length, kind: open.kind, ...readJson(open.body.join("\n")) });
        } else extra += 1;
        open = null;
      } else open.body.push(line);
      continue;
    }
    const fence = FENCE.exec(line.trim());
    if (fence) open = { kind: fence[1] as BlockKind, body: [] };
  }
  if (open && blocks.length < MAX_BLOCKS_PER_REPLY) {
    blocks.push({
      index: blocks.length,
      kind: open.kind,
      value: null,
      problems: [{ field: "(block)", message: "The block is not finished (no closing ```)" }],
    });
  }
  if (extra > 0) {
    problems.push({
      field: "(reply)",
      message: `At most ${MAX_BLOCKS_PER_REPLY} blocks are read; ${extra} more ignored`,
    });
  }
  return { blocks, problems };
}
