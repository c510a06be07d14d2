import type { Metadata } from "next";
import { Suspense } from "react";
import { EventsPage } from "@/components/events/events-page";
import { ProjectSensors } from "@/components/events/project-sensors";
import { scopeFor } from "@/lib/db/tenant";
import { projectHosting } from "@/lib/events/list-project-sensors";
import { workspacePageAccess } from "@/lib/workspaces/page-access";

export const metadata: Metadata = { title: "Events" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { workspace } = await workspacePageAccess(slug);
  const hosting = await projectHosting(scopeFor(workspace.id), slug);
  // The type filter and the selected event live in the URL's search params.
  return (
    <Suspense>
      <EventsPage projectSensors={<ProjectSensors sensors={hosting.sensors} summary={hosting.summary} />} />
    </Suspense>
  );
}
