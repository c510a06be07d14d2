"use client";

import Link from "next/link";
import { z } from "zod";

/** The fork fields of a run as served (the dashboard's Run type predates them). */
const forkFieldsSchema = z.object({ forkedFrom: z.string(), forkedAtStep: z.number().int() });

/** On a fork: which run it was forked from, and at which step. */
export function ForkedFromLink({ slug, run }: { slug: string; run: unknown }) {
  const parsed = forkFieldsSchema.safeParse(run);
  if (!parsed.success) return null;
  const { forkedFrom, forkedAtStep } = parsed.data;
  const runs = `/w/${encodeURIComponent(slug)}/runs`;
  return (
    <p className="text-sm text-zinc-600" data-testid="forked-from">
      Forked from{" "}
      <Link href={`${runs}/${encodeURIComponent(forkedFrom)}`} className="font-medium text-accent hover:underline">
        {forkedFrom}
      </Link>{" "}
      at step {forkedAtStep + 1}; the steps before it are reused.
    </p>
  );
}
