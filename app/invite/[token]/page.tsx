import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { InviteAccept } from "@/components/invite/invite-accept";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  return (
    <AuthCard title="You’re invited" subtitle="Join a LoopLlama workspace.">
      <InviteAccept token={token} user={user ? { email: user.email } : null} />
    </AuthCard>
  );
}
