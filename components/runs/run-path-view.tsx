import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { END, type Run } from "@/lib/queries/workflow-types";
import { pathItems, visitedPath } from "./run-path";

function Stop({ first, children, end }: { first: boolean; children: ReactNode; end?: boolean }) {
  return (
    <li className="flex items-center gap-1.5">
      {first ? null : (
        <span aria-hidden="true" className="text-zinc-500">
          →
        </span>
      )}
      <span
        data-testid={end ? undefined : "path-node"}
        className={
          end
            ? "rounded px-1.5 py-0.5 font-semibold ring-1 ring-zinc-500"
            : "rounded bg-zinc-100 px-1.5 py-0.5 ring-1 ring-zinc-200"
        }
      >
        {children}
      </span>
    </li>
  );
}

/** The nodes a graph run visited, in order: `classify → billing → END`, repeat visits numbered. */
export function RunPathView({ run }: { run: Run }) {
  const items = pathItems(visitedPath(run));
  return (
    <Card>
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
                {item.nodeId}
                {item.visit > 1 ? <span className="text-zinc-600"> (visit {item.visit})</span> : null}
              </Stop>
            ))}
            {run.status === "completed" ? (
              <Stop first={false} end>
                {END}
              </Stop>
            ) : null}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-zinc-600">No node has run yet.</p>
        )}
      </section>
    </Card>
  );
}
