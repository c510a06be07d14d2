import type { Metadata } from "next";
import { preload } from "react-dom";
import { RunPage } from "@/components/runs/run-page";
import { runUrl } from "@/lib/queries/run-url";

export const metadata: Metadata = { title: "Run" };

export default async function Page({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  // The browser starts reading the run (the same API request the page makes) while the scripts load.
  preload(runUrl(slug, id), { as: "fetch", crossOrigin: "anonymous" });
  return <RunPage id={id} />;
}
