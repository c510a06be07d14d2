import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { WorkspaceProvider } from "@/components/dashboard/workspace-context";
import { emailVerificationRequired } from "@/lib/auth/email-verification-required";
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
  const unverifiedEmail = emailVerificationRequired() && !user.emailVerified ? user.email : null;
  return (
    <WorkspaceProvider
      workspace={{ ...workspace, role }}
      user={{ userId: user.userId, email: user.email, name: user.name }}
    >
      <DashboardShell unverifiedEmail={unverifiedEmail}>{children}</DashboardShell>
    </WorkspaceProvider>
  );
}
