/** A reply's prose without its fenced proposal blocks (they show as cards). */
export function replyProse(content: string): string {
  return content
    .replace(/```(?:workflow-create|agent-create)[ \t]*\n[\s\S]*?(?:\n```[ \t]*(?=\n|$)|$)/g, "")
    .replace(/^\[simulated [^\]]*\]\s*/, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
