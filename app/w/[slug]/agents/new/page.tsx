import type { Metadata } from "next";
import { NewAgentPage } from "@/components/agents/new-agent-page";

export const metadata: Metadata = { title: "New agent" };

export default function Page() {
  return <NewAgentPage />;
}
