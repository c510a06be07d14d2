"use client";

import { useRouter } from "next/navigation";
import { canManage, useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { InviteForm } from "./invite-form";
import { MemberList } from "./member-list";
import { PendingInvites } from "./pending-invites";

export function MembersPage() {
  const router = useRouter();
  const { workspace, user } = useCurrentWorkspace();
  const manager = canManage(workspace.role);
  return (
    <>
      <PageHeader title="Members" description="People who can use this workspace, and what they may do." />
      <PageBody>
        {manager ? (
          <InviteForm slug={workspace.slug} actorRole={workspace.role} />
        ) : (
          <Alert tone="info">Only owners and admins invite people and change roles.</Alert>
        )}
        <MemberList
          slug={workspace.slug}
          actorRole={workspace.role}
          currentUserId={user.userId}
          onLeft={() => {
            router.push("/");
            router.refresh();
          }}
        />
        {manager ? <PendingInvites slug={workspace.slug} /> : null}
      </PageBody>
    </>
  );
}
