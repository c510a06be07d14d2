/*
 * The largest values the local provider's size and delay directives take, in a
 * module without server imports: the save-time checks, the editor and the
 * provider share them.
 */

/** `[[simulate:chars:N]]` answers at most this many characters. */
export const MAX_SIMULATED_CHARS = 100_000;
/** `[[simulate:slow:MS]]` waits at most this many milliseconds. */
export const MAX_SIMULATED_SLOW_MS = 60_000;

const SIZED = /\[\[simulate:(chars|slow):([^\]]*)\]\]/g;

/**
 * What is wrong with the `chars` and `slow` directives in a text, or null: a
 * value past its limit is refused when a prompt is saved (at run time it is
 * capped instead).
 */
export function simulateDirectiveProblem(text: string): string | null {
  for (const [, kind, arg] of text.matchAll(SIZED)) {
    const value = Number.parseInt(arg ?? "", 10);
    if (kind === "chars" && value > MAX_SIMULATED_CHARS) {
      return `[[simulate:chars:N]] takes at most ${MAX_SIMULATED_CHARS} characters`;
    }
    if (kind === "slow" && value > MAX_SIMULATED_SLOW_MS) {
      return `[[simulate:slow:MS]] takes at most ${MAX_SIMULATED_SLOW_MS} ms`;
    }
  }
  return null;
}
