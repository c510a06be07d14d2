import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunPage } from "@/components/runs/run-page";
import { AppError } from "@/lib/http/errors";
import { scopeFor } from "@/lib/db/tenant";
import { getRun } from "@/lib/runs/get-run";
import { runResponseSchema } from "@/lib/runs/response-schemas";
import { workspacePageAccess } from "@/lib/workspaces/page-access";

export const metadata: Metadata = { title: "Run" };

/**
 * The transcript arrives with the page: the run is read by the same `getRun`
 * that serves GET /api/v1/runs/{id}, in its JSON form, and the browser then
 * follows it through the API (event stream or polling) while it is in flight.
 */
export default async function Page({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { workspace } = await workspacePageAccess(slug);
  const run = await getRun(scopeFor(workspace.id), id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  // The run as GET /api/v1/runs/{id} sends it (dates as ISO strings), checked against that answer's schema.
  return <RunPage id={id} initialRun={runResponseSchema.parse(JSON.parse(JSON.stringify(run)))} />;
}
