import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { WorkspaceProvider } from "@/components/dashboard/workspace-context";
import { AppError } from "@/lib/api/errors";
import { currentUser } from "@/lib/auth/current-user";
import { resolveWorkspaceAccess } from "@/lib/workspaces/resolve-access";

async function accessOrNotFound(user: { userId: string; email: string; name: string | null }, slug: string) {
  try {
    return await resolveWorkspaceAccess({ type: "user", ...user }, slug);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}

/** Every workspace page: signed in, and a member of this workspace (else 404). */
export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
  const { workspace, role } = await accessOrNotFound(user, slug);
  return (
    <WorkspaceProvider workspace={{ ...workspace, role }} user={user}>
      <DashboardShell>{children}</DashboardShell>
    </WorkspaceProvider>
  );
}
