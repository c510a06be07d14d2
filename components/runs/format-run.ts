/** Small formatters for run figures. */
import { isTerminal, type RunStatus } from "@/lib/queries/workflow-types";

export function formatDuration(ms: number | null | undefined, empty = "—"): string {
  if (ms === null || ms === undefined) return empty;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

const number = new Intl.NumberFormat("en-US");

export function formatTokens(n: number): string {
  return number.format(n);
}

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/**
 * An estimated model cost in USD: "$0.0123" below a dollar (steps cost
 * fractions of a cent), "<$0.0001" for less, "$1.23" from a dollar up, and
 * `empty` when it is not known yet.
 */
export function formatCost(usd: number | null | undefined, empty = "—"): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return empty;
  if (usd === 0) return "$0.00";
  if (usd < 0.0001) return "<$0.0001";
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return dollars.format(usd);
}

/** The first characters of an id, enough to tell runs apart in a list. */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 10)}…` : id;
}

/** A size in characters: "812 chars", "14.2k chars". */
export function formatChars(n: number): string {
  return n < 1000 ? `${number.format(n)} chars` : `${(n / 1000).toFixed(1)}k chars`;
}

/** A message as a sentence: a full stop added unless it already ends with one (or ! or ?). */
export function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The Steps figure of a run's summary. A graph run in flight counts its steps against its cap (how
 * many it takes is not known before it ends); a crew run, or a finished run, against its length.
 */
export function stepsDone(
  run: { status: RunStatus; stepCount: number; totals: { completedSteps: number } },
  graph: boolean,
): string {
  const done = run.totals.completedSteps;
  if (graph && !isTerminal(run.status)) return `${done} ${done === 1 ? "step" : "steps"} done (cap ${run.stepCount})`;
  return `${done} of ${run.stepCount} done`;
}
