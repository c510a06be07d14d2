import type { Run, RunStep } from "./workflow-types";

/**
 * A run with one step as the event stream sent it, whole: it replaces the step with its id, or,
 * for a step the run did not have yet (a graph run adds a step at each node visit), joins the
 * steps in index order.
 */
export function applyStep(run: Run, step: RunStep): Run {
  if (run.steps.some((s) => s.id === step.id)) {
    return { ...run, steps: run.steps.map((s) => (s.id === step.id ? step : s)) };
  }
  return { ...run, steps: [...run.steps, step].sort((a, b) => a.index - b.index) };
}
