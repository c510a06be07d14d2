import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { END, type Run } from "@/lib/queries/workflow-types";
import { pathItems, visitedPath } from "./run-path";

function Stop({ first, children }: { first: boolean; children: ReactNode }) {
  return (
    <li className="flex items-center gap-1.5">
      {first ? null : (
        <span aria-hidden="true" className="text-zinc-500">
          →
        </span>
      )}
      {children}
    </li>
  );
}

/**
 * The nodes a graph run visited, in order: `classify → billing → END`, repeat visits numbered.
 * Each is a button that chooses its node (its visits are listed under the diagram).
 */
export function RunPathView({
  run,
  selected,
  onSelect,
}: {
  run: Run;
  selected?: string | null;
  onSelect?: (id: string) => void;
}) {
  const items = pathItems(visitedPath(run));
  return (
    <section aria-labelledby="run-path-title" className="px-4 py-3 sm:px-5">
      <h2 id="run-path-title" className="text-sm font-semibold text-zinc-900">
        Path
      </h2>
      {items.length ? (
        <ol
          className="mt-1.5 flex flex-wrap items-center gap-x-1.5 gap-y-1 font-mono text-xs text-zinc-800"
          data-testid="run-path"
        >
          {items.map((item, i) => (
            <Stop key={i} first={i === 0}>
              <button
                type="button"
                onClick={() => onSelect?.(item.nodeId)}
                aria-pressed={selected === item.nodeId}
                className={cn(
                  "rounded bg-zinc-100 px-1.5 py-0.5 ring-1 ring-zinc-200 hover:bg-zinc-200",
                  selected === item.nodeId && "bg-accent-soft ring-2 ring-accent",
                )}
              >
                <span data-testid="path-node">
                  {item.nodeId}
                  {item.visit > 1 ? <span className="text-zinc-600"> (visit {item.visit})</span> : null}
                </span>
              </button>
            </Stop>
          ))}
          {run.status === "completed" ? (
            <Stop first={false}>
              <span className="rounded px-1.5 py-0.5 font-semibold ring-1 ring-zinc-500">{END}</span>
            </Stop>
          ) : null}
        </ol>
      ) : (
        <p className="mt-1 text-sm text-zinc-600">No node has run yet.</p>
      )}
    </section>
  );
}
