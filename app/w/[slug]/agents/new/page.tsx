import type { Metadata } from "next";
import { AgentForm } from "@/components/agents/agent-form";

export const metadata: Metadata = { title: "New agent" };

export default function Page() {
  return <AgentForm />;
}
