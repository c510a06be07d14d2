import Link from "next/link";
import type { Run } from "@/lib/queries/workflow-types";

/** The Compare view of two runs: `a` on the left, `b` on the right. */
export function compareHref(slug: string, a: string, b: string): string {
  return `/w/${encodeURIComponent(slug)}/runs/${encodeURIComponent(a)}/compare/${encodeURIComponent(b)}`;
}

/** On a fork: a link to it side by side with its original (the original on the left). */
export function CompareWithOriginalLink({ slug, run }: { slug: string; run: Pick<Run, "id" | "forkedFrom"> }) {
  if (!run.forkedFrom) return null;
  return (
    <p className="-mt-2 text-sm">
      <Link
        href={compareHref(slug, run.forkedFrom, run.id)}
        className="font-medium text-accent hover:underline"
        data-testid="compare-with-original"
      >
        Compare with the original
      </Link>
    </p>
  );
}
