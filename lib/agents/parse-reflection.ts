export type VerdictName = "ok" | "modify" | "fail";

export interface ParsedReflection {
  verdict: VerdictName;
  reason: string;
  patch?: unknown;
  /** Set when the model's answer could not be read and `ok` was assumed. */
  fallback?: "no-block" | "invalid-json" | "bad-verdict";
}

const BLOCK = /```agent-reflect[^\S\n]*\n([\s\S]*?)```/g;

/**
 * Reads the one fenced ```agent-reflect block of a reflection answer. A bad
 * answer never breaks anything: no block, several blocks, invalid JSON or an
 * unknown verdict all read as `ok`.
 */
export function parseReflection(text: string): ParsedReflection {
  const blocks = [...text.matchAll(BLOCK)];
  if (blocks.length !== 1) {
    return {
      verdict: "ok",
      reason:
        blocks.length === 0
          ? "The reflection had no agent-reflect block; treated as ok."
          : "The reflection had more than one agent-reflect block; treated as ok.",
      fallback: "no-block",
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(blocks[0]![1]!);
  } catch {
    return {
      verdict: "ok",
      reason: "The agent-reflect block was not valid JSON; treated as ok.",
      fallback: "invalid-json",
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      verdict: "ok",
      reason: "The agent-reflect block was not a JSON object; treated as ok.",
      fallback: "invalid-json",
    };
  }
  const record = value as Record<string, unknown>;
  const reason = typeof record.reason === "string" ? record.reason.trim().slice(0, 2000) : "";
  const verdict = record.verdict;
  if (verdict !== "ok" && verdict !== "modify" && verdict !== "fail") {
    return {
      verdict: "ok",
      reason: `Unknown verdict ${JSON.stringify(verdict) ?? "undefined"}; treated as ok.${reason ? ` ${reason}` : ""}`,
      fallback: "bad-verdict",
    };
  }
  return { verdict, reason: reason || `Verdict ${verdict}.`, ...(verdict === "modify" ? { patch: record.patch } : {}) };
}
