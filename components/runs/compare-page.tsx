"use client";

import Link from "next/link";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/queries/api-client";
import { useRunComparison } from "@/lib/queries/use-run-comparison";
import { useRun } from "@/lib/queries/use-runs";
import { isTerminal } from "@/lib/queries/workflow-types";
import { ComparePaths } from "./compare-paths";
import { RunComparisonView } from "./run-comparison";

/** Run `a` and run `b` side by side, step by step; kept fresh while either is still in flight. */
export function ComparePage({ a, b }: { a: string; b: string }) {
  const { workspace } = useCurrentWorkspace();
  const slug = workspace.slug;
  const runA = useRun(slug, a, { poll: true });
  const runB = useRun(slug, b, { poll: true });
  const live = [runA.data, runB.data].some((r) => r !== undefined && !isTerminal(r.status));
  const comparison = useRunComparison(slug, a, b, { live });
  const runs = `/w/${encodeURIComponent(slug)}/runs`;
  const error = runA.error ?? runB.error ?? comparison.error;
  return (
    <>
      <PageHeader title="Compare runs" description="Two runs of one workflow, step by step." />
      <PageBody>
        <nav aria-label="Breadcrumb" className="-mt-2 text-sm">
          <Link href={runs} className="text-zinc-500 hover:text-zinc-900 hover:underline">
            ← All runs
          </Link>
        </nav>
        {runA.data && runB.data && comparison.data ? (
          <RunComparisonView
            slug={slug}
            a={runA.data}
            b={runB.data}
            comparison={comparison.data}
            paths={<ComparePaths slug={slug} a={runA.data} b={runB.data} />}
          />
        ) : error instanceof ApiError && error.status === 404 ? (
          <Alert tone="info" title="Run not found">
            One of the two runs may have been deleted with its workflow, or belongs to another workspace.{" "}
            <Link href={runs} className="font-medium underline">
              See all runs
            </Link>
          </Alert>
        ) : error ? (
          <QueryError
            title="Could not compare the runs"
            error={error}
            onRetry={() => Promise.all([runA.refetch(), runB.refetch(), comparison.refetch()])}
          />
        ) : (
          <SkeletonRows rows={4} label="Loading the comparison" />
        )}
      </PageBody>
    </>
  );
}
