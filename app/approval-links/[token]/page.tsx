import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { currentUser } from "@/lib/auth/current-user";
import { openApprovalLink } from "@/lib/runs/approvals/open-approval-link";

export const metadata: Metadata = { title: "Approval" };

/**
 * A mailed approval link: sign-in first (then back here), then, once, on to
 * the run page's approval, where the member answers. A used, expired or
 * another member's link leads nowhere.
 */
export default async function ApprovalLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/approval-links/${token}`)}`);
  const target = await openApprovalLink(user.userId, token);
  if (target) {
    const run = `/w/${encodeURIComponent(target.slug)}/runs/${encodeURIComponent(target.runId)}`;
    redirect(`${run}${target.nodeId ? `#approval-${encodeURIComponent(target.nodeId)}` : ""}`);
  }
  return (
    <AuthCard title="This link no longer works" subtitle="An approval link works once, before its approval times out.">
      <p className="text-sm text-zinc-700" data-testid="approval-link-spent">
        It was used already, has expired, or was mailed to another member. Open the run from your workspace&apos;s runs
        list instead; runs waiting for an answer are listed under Waiting.
      </p>
      <p className="mt-4 text-sm">
        <Link href="/" className="font-medium text-accent hover:underline">
          Go to your workspaces
        </Link>
      </p>
    </AuthCard>
  );
}
