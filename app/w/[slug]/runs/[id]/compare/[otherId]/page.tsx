import type { Metadata } from "next";
import { ComparePage } from "@/components/runs/compare-page";

export const metadata: Metadata = { title: "Compare runs" };

/** Two runs side by side; the browser reads both and their comparison through the API. */
export default async function Page({ params }: { params: Promise<{ id: string; otherId: string }> }) {
  const { id, otherId } = await params;
  return <ComparePage a={id} b={otherId} />;
}
