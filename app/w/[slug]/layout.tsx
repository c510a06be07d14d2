import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { WorkspaceProvider } from "@/components/dashboard/workspace-context";
import { workspacePageAccess } from "@/lib/workspaces/page-access";

/** Every workspace page: signed in, and a member of this workspace (else 404). */
export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { user, workspace, role } = await workspacePageAccess(slug);
  return (
    <WorkspaceProvider workspace={{ ...workspace, role }} user={user}>
      <DashboardShell>{children}</DashboardShell>
    </WorkspaceProvider>
  );
}
