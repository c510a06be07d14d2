"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { roleLabels } from "@/components/members/roles";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useAcceptInvite, useInviteDescription } from "@/lib/queries/use-invites";

interface Props {
  token: string;
  user: { email: string } | null;
}

function unusableMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) {
    return "This invite link has expired, has already been used or was revoked. Ask for a new one.";
  }
  return errorMessage(error);
}

/** Shows what an invite is for, and lets the right signed-in user accept it. */
export function InviteAccept({ token, user }: Props) {
  const router = useRouter();
  const invite = useInviteDescription(token);
  const accept = useAcceptInvite(token);
  const here = `/invite/${encodeURIComponent(token)}`;

  if (invite.isPending) return <Spinner label="Loading invite" />;
  if (invite.isError) {
    return (
      <div className="space-y-4">
        <Alert tone="error" title="This invite can’t be used">
          {unusableMessage(invite.error)}
        </Alert>
        <Link href="/" className={buttonClasses("secondary", "md", "w-full")}>
          Go home
        </Link>
      </div>
    );
  }

  const { workspace, role, email } = invite.data;
  const wrongAccount = user !== null && user.email.toLowerCase() !== email.toLowerCase();
  return (
    <div className="space-y-5">
      <dl className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm">
        <div className="flex justify-between gap-4 px-4 py-2.5">
          <dt className="text-zinc-500">Workspace</dt>
          <dd className="font-medium text-zinc-900" data-testid="invite-workspace">
            {workspace.name}
          </dd>
        </div>
        <div className="flex justify-between gap-4 px-4 py-2.5">
          <dt className="text-zinc-500">Role</dt>
          <dd className="font-medium text-zinc-900">{roleLabels[role]}</dd>
        </div>
        <div className="flex justify-between gap-4 px-4 py-2.5">
          <dt className="text-zinc-500">For</dt>
          <dd className="truncate font-medium text-zinc-900">{email}</dd>
        </div>
      </dl>

      {user === null ? (
        <div className="space-y-3">
          <p className="text-sm text-zinc-600">Sign in or create an account with {email} to join.</p>
          <Link
            href={`/signup?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(email)}`}
            className={buttonClasses("primary", "md", "w-full")}
          >
            Create account
          </Link>
          <Link
            href={`/signin?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(email)}`}
            className={buttonClasses("secondary", "md", "w-full")}
          >
            Sign in
          </Link>
        </div>
      ) : wrongAccount ? (
        <div className="space-y-3">
          <Alert tone="warning" title="This invite is for another email">
            You are signed in as {user.email}, but the invite is for {email}. Sign in with that email to accept it.
          </Alert>
          <Button
            variant="secondary"
            className="w-full"
            onClick={() => signOut({ callbackUrl: `/signin?callbackUrl=${encodeURIComponent(here)}` })}
          >
            Sign out and switch account
          </Button>
        </div>
      ) : (
        <div className="space-y-3">
          {accept.error ? (
            <Alert tone="error">
              {accept.error instanceof ApiError && accept.error.status === 404
                ? unusableMessage(accept.error)
                : errorMessage(accept.error)}
            </Alert>
          ) : null}
          <Button
            className="w-full"
            loading={accept.isPending || accept.isSuccess}
            onClick={() =>
              accept.mutate(undefined, {
                onSuccess: ({ workspace: joined }) => {
                  router.push(`/w/${encodeURIComponent(joined.slug)}`);
                  router.refresh();
                },
              })
            }
          >
            Join {workspace.name}
          </Button>
        </div>
      )}
    </div>
  );
}
