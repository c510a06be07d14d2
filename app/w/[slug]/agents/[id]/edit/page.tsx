import type { Metadata } from "next";
import { EditAgentPage } from "@/components/agents/edit-agent-page";

export const metadata: Metadata = { title: "Edit agent" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditAgentPage id={id} />;
}
